package dev.custody.cli.verify;

import dev.custody.cli.source.ReceivedSpan;
import dev.custody.exporter.integrity.CanonicalSpan;
import dev.custody.exporter.integrity.Checkpoint;
import dev.custody.exporter.integrity.CheckpointCases;
import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.DroppedEvidence;
import dev.custody.exporter.integrity.DroppedEvidence.Ranges;
import dev.custody.exporter.integrity.SignedCheckpoint;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks received spans against the checkpoints received with them, stream by stream: each
 * checkpoint's signature and key, the chain of checkpoints (no index skipped, each naming the hash
 * of the one before), and each covered span's digest. What it finds goes into a {@link
 * VerificationReport}: on the whole record, or on one case (the numbers its checkpoints give the
 * case, and the spans that carry its id), in the streams that carry it.
 */
public final class EvidenceCheck {

  private final PublicKey trustedKey;
  private final String caseId;
  private final Map<String, Stream> streams = new LinkedHashMap<>();
  private final List<Finding> unsequenced = new ArrayList<>();
  private int spansChecked;
  private int checkpointsChecked;

  /**
   * @param trustedKey the auditor's public key, or null to accept the key the checkpoints carry
   *     (the report then says the evidence is self-signed or unconfirmed)
   * @param caseId the one case to report on, or null for the whole record
   */
  public EvidenceCheck(PublicKey trustedKey, String caseId) {
    this.trustedKey = trustedKey;
    this.caseId = caseId;
  }

  public void add(ReceivedSpan span) {
    if (span.isCheckpoint()) {
      checkpointsChecked++;
      SignedCheckpoint checkpoint = SignedCheckpoint.read(span.evidence().attributes());
      if (checkpoint == null) {
        unsequenced.add(Finding.of(span, "a checkpoint that cannot be read"));
      } else {
        stream(checkpoint.checkpoint().stream()).checkpoints.add(checkpoint);
      }
      return;
    }
    spansChecked += inCase(span) ? 1 : 0;
    Long seq = span.seq();
    if (seq == null || span.stream() == null) {
      if (inCase(span)) {
        unsequenced.add(Finding.of(span, "no sequence number: no checkpoint covers it"));
      }
    } else {
      stream(span.stream()).spans.add(span, seq, inCase(span));
    }
  }

  public VerificationReport report() {
    VerificationReport report = new VerificationReport(spansChecked, checkpointsChecked, caseId);
    unsequenced.forEach(report::unsequenced);
    // A stream without the case is read for what it says was dropped, not reported on.
    streams
        .values()
        .forEach(
            stream ->
                stream.verifySignatures(
                    stream.carriesTheCase() ? report : new VerificationReport(0, 0, caseId)));
    DroppedNotes notes = new DroppedNotes();
    streams.values().forEach(stream -> stream.verified.values().forEach(notes::read));
    streams.forEach(
        (id, stream) -> {
          if (stream.carriesTheCase()) {
            stream.check(id, notes.about(id), report);
          }
        });
    return report;
  }

  /**
   * What checkpoints say the buffer dropped, believed about a stream only when signed by that
   * stream's own key or by the key the auditor gave: a stranger's checkpoint cannot excuse a gap.
   */
  private final class DroppedNotes {
    private final Map<String, DroppedEvidence> byStream = new HashMap<>();

    void read(SignedCheckpoint signed) {
      DroppedEvidence note = DroppedEvidence.parse(signed.checkpoint().dropped());
      for (String about : note.streams()) {
        Stream stream = streams.get(about);
        String streamKey = stream == null ? null : stream.keyId;
        if (trustedKey != null || signed.checkpoint().keyId().equals(streamKey)) {
          byStream.computeIfAbsent(about, s -> new DroppedEvidence()).addAll(note, about);
        }
      }
    }

    DroppedEvidence about(String stream) {
      return byStream.getOrDefault(stream, new DroppedEvidence());
    }
  }

  private boolean inCase(ReceivedSpan span) {
    return caseId == null || span.caseIds().contains(caseId);
  }

  private Stream stream(String id) {
    return streams.computeIfAbsent(id, s -> new Stream());
  }

  private final class Stream {
    final List<SignedCheckpoint> checkpoints = new ArrayList<>();
    final SeenSpans spans = new SeenSpans();
    final TreeMap<Long, SignedCheckpoint> verified = new TreeMap<>();
    String keyId;

    boolean carriesTheCase() {
      return caseId == null
          || checkpoints.stream()
              .anyMatch(
                  signed ->
                      !CheckpointCases.numbersOf(signed.checkpoint().cases(), caseId).isEmpty())
          || spans.anyInCase();
    }

    /** The checkpoints whose signature and key hold, by index; what does not hold is reported. */
    void verifySignatures(VerificationReport report) {
      for (SignedCheckpoint signed : checkpoints) {
        if (!signedByItsKey(signed, report)) {
          continue;
        }
        if (keyId == null) {
          keyId = signed.checkpoint().keyId();
        } else if (!keyId.equals(signed.checkpoint().keyId())) {
          report.forgedCheckpoint(signed.checkpoint(), "signed by another key than its stream's");
          continue;
        }
        verified.putIfAbsent(signed.checkpoint().index(), signed); // a retry sends one twice
      }
    }

    void check(String id, DroppedEvidence dropped, VerificationReport report) {
      spans.sort();
      long nextIndex = 0;
      long nextSeq = 1;
      String previous = "";
      boolean closed = false;
      for (SignedCheckpoint signed : verified.values()) {
        Checkpoint checkpoint = signed.checkpoint();
        if (checkpoint.index() != nextIndex) {
          Ranges droppedCheckpoints = dropped.checkpoints(id);
          for (long[] gap : droppedCheckpoints.gapsWithin(nextIndex, checkpoint.index() - 1)) {
            report.missingCheckpoints(id, gap[0], gap[1]);
          }
          report.droppedCheckpoints(
              droppedCheckpoints.countWithin(nextIndex, checkpoint.index() - 1));
          uncovered(id, nextSeq, checkpoint.firstSeq() - 1, dropped.spans(id), report);
        } else if (!checkpoint.previous().equals(previous) || checkpoint.firstSeq() != nextSeq) {
          report.brokenChain(id, checkpoint.index());
        }
        coverRange(id, checkpoint, dropped, report);
        nextIndex = checkpoint.index() + 1;
        nextSeq = checkpoint.lastSeq() + 1;
        previous = checkpoint.hash();
        closed = "shutdown".equals(checkpoint.reason());
      }
      for (int span : spans.untaken()) {
        if (!spans.inCase(span)) {
          continue;
        }
        if (closed && spans.seq(span) >= nextSeq) {
          report.unexpected(spans.finding(span, "numbered after the stream's last checkpoint"));
        } else {
          report.unverified(spans.finding(span, "no checkpoint received covers it"));
        }
      }
    }

    private boolean signedByItsKey(SignedCheckpoint signed, VerificationReport report) {
      Checkpoint checkpoint = signed.checkpoint();
      try {
        PublicKey key =
            CheckpointKey.publicKeyFromDer(Base64.getDecoder().decode(checkpoint.publicKey()));
        boolean verifies =
            CheckpointKey.verifies(
                key, checkpoint.payload(), Base64.getDecoder().decode(signed.signature()));
        boolean trusted =
            trustedKey == null || Arrays.equals(trustedKey.getEncoded(), key.getEncoded());
        if (!verifies || !CheckpointKey.idOf(key).equals(checkpoint.keyId())) {
          report.forgedCheckpoint(checkpoint, "its signature does not verify");
          return false;
        }
        if (!trusted) {
          report.forgedCheckpoint(checkpoint, "signed by another key than the one given");
          return false;
        }
        report.key(checkpoint.keyId(), checkpoint.keySource(), trustedKey != null);
        return true;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        report.forgedCheckpoint(checkpoint, "its key or signature cannot be read");
        return false;
      }
    }

    /**
     * Numbers no received checkpoint covers (theirs was lost): those a checkpoint says the buffer
     * dropped, the rest missing, but the spans received, which are reported as unverified.
     */
    private void uncovered(
        String id, long from, long to, Ranges dropped, VerificationReport report) {
      for (long[] gap : dropped.gapsWithin(from, to)) {
        report.missing(id, gap[0], gap[1]);
      }
      long received =
          Arrays.stream(spans.untakenNumbers(from, to)).filter(dropped::contains).count();
      report.droppedByBuffer(dropped.countWithin(from, to) - received);
    }

    private void coverRange(
        String id, Checkpoint checkpoint, DroppedEvidence dropped, VerificationReport report) {
      byte[] core = Base64.getDecoder().decode(checkpoint.coreDigests());
      byte[] full = Base64.getDecoder().decode(checkpoint.fullDigests());
      List<Long> caseNumbers =
          caseId == null ? List.of() : CheckpointCases.numbersOf(checkpoint.cases(), caseId);
      for (long seq = checkpoint.firstSeq(); seq <= checkpoint.lastSeq(); seq++) {
        int at = (int) (seq - checkpoint.firstSeq()) * CanonicalSpan.DIGEST_BYTES;
        byte[] coreDigest = Arrays.copyOfRange(core, at, at + CanonicalSpan.DIGEST_BYTES);
        byte[] fullDigest = Arrays.copyOfRange(full, at, at + CanonicalSpan.DIGEST_BYTES);
        List<Integer> received = spans.take(seq);
        if (caseId != null
            && !caseNumbers.contains(seq)
            && received.stream().noneMatch(spans::inCase)) {
          continue; // another case's, or none's
        }
        if (isZero(coreDigest)) {
          report.lostInProcess();
          received.forEach(
              span -> report.unexpected(spans.finding(span, "its number was never exported")));
        } else if (received.isEmpty()) {
          if (dropped.spans(id).contains(seq)) {
            report.droppedByBuffer(id, seq, seq);
          } else {
            report.missing(id, seq, seq);
          }
        } else {
          matchOne(received, coreDigest, fullDigest, report);
        }
      }
    }

    /** One copy must match; copies that differ from the one that does are forged. */
    private void matchOne(
        List<Integer> received, byte[] coreDigest, byte[] fullDigest, VerificationReport report) {
      boolean anyMatches =
          received.stream().anyMatch(span -> spans.matches(span, coreDigest, fullDigest));
      for (int span : received) {
        if (!spans.matches(span, coreDigest, fullDigest)) {
          if (anyMatches) {
            report.unexpected(spans.finding(span, "a copy that differs from the signed span"));
          } else {
            report.modified(spans.finding(span, "differs from what the process signed"));
          }
        }
      }
    }
  }

  private static boolean isZero(byte[] digest) {
    for (byte b : digest) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
