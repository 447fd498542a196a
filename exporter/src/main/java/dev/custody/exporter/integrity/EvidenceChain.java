package dev.custody.exporter.integrity;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * One process's evidence stream: a sequence number for each span as it ends, the span's digests
 * when an exporter gets it, and signed checkpoints over the sequence numbers that are settled.
 *
 * <p>A number is settled when its span was exported, or when it was not within the grace period
 * (the span was dropped before any exporter saw it: the checkpoint says so with a zero digest).
 * Spans reach exporters out of order and twice (several exporters): a checkpoint covers only the
 * settled prefix, and the first digest of a number counts.
 */
public final class EvidenceChain {

  /** Most sequence numbers one checkpoint covers, so that one stays a modest span attribute. */
  public static final int MAX_SPANS_PER_CHECKPOINT = 512;

  /** Longer than the batch processor's delay and an export's timeout together. */
  public static final long DEFAULT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** How many issued numbers keep their issue time; older unsettled ones are past any grace. */
  private static final int ISSUE_TIMES = 1 << 16;

  private static final byte[] NEVER_EXPORTED = new byte[CanonicalSpan.DIGEST_BYTES];

  private final String stream;
  private final CheckpointKey key;
  private final String keyId;
  private final long graceNanos;
  private final LongSupplier nanoTime;
  private final LongSupplier epochMicros;

  private final AtomicLong nextSeq = new AtomicLong(1);
  private final AtomicLongArray issueTimes = new AtomicLongArray(ISSUE_TIMES);

  // Guarded by this.
  private final TreeMap<Long, Exported> exported = new TreeMap<>();
  private DroppedEvidence dropped = new DroppedEvidence();
  private long firstUnsettled = 1;
  private long index;
  private String previous = "";

  public EvidenceChain(
      String stream,
      CheckpointKey key,
      long graceNanos,
      LongSupplier nanoTime,
      LongSupplier epochMicros)
      throws GeneralSecurityException {
    this.stream = stream;
    this.key = key;
    this.keyId = key.id();
    this.graceNanos = graceNanos;
    this.nanoTime = nanoTime;
    this.epochMicros = epochMicros;
  }

  public String stream() {
    return stream;
  }

  /** The next sequence number, for a span that is ending. */
  public long issue() {
    long seq = nextSeq.getAndIncrement();
    issueTimes.set(slot(seq), nanoTime.getAsLong());
    return seq;
  }

  /** The last sequence number a checkpoint covers (0 before the first). */
  public synchronized long coveredUpTo() {
    return firstUnsettled - 1;
  }

  /** Whether the next {@link #MAX_SPANS_PER_CHECKPOINT} numbers were all exported already. */
  public synchronized boolean fullCheckpointSettled() {
    return exported.size() >= MAX_SPANS_PER_CHECKPOINT
        && exported.headMap(firstUnsettled + MAX_SPANS_PER_CHECKPOINT).size()
            == MAX_SPANS_PER_CHECKPOINT;
  }

  /**
   * An exporter got the span numbered {@code seq}, with these canonical digests, of the cases
   * {@code caseIds} (one, none, or several for a teardown of a shared credential).
   */
  public synchronized void exported(
      long seq, byte[] coreDigest, byte[] fullDigest, List<String> caseIds) {
    if (seq >= firstUnsettled) {
      exported.putIfAbsent(seq, new Exported(coreDigest, fullDigest, caseIds));
    }
  }

  /**
   * Spans dropped after they were numbered (by the durable buffer, of this stream or an earlier
   * process's): the next checkpoint names them, and is written even if no new number settled.
   */
  public synchronized void dropped(DroppedEvidence evidence) {
    dropped.addAll(evidence);
  }

  /** Whether a drop waits to be named on a checkpoint. */
  public synchronized boolean hasDropped() {
    return !dropped.isEmpty();
  }

  private record Exported(byte[] core, byte[] full, List<String> caseIds) {}

  /**
   * Signed checkpoints over what has settled since the last one; none when nothing has. At {@code
   * shutdown} every number issued is settled and one checkpoint, the stream's last, is always
   * written.
   */
  public synchronized List<SignedCheckpoint> checkpoints(String reason)
      throws GeneralSecurityException {
    boolean last = "shutdown".equals(reason);
    long issuedUpTo = nextSeq.get() - 1;
    long now = nanoTime.getAsLong();
    List<SignedCheckpoint> checkpoints = new ArrayList<>();
    while (true) {
      long settledUpTo = firstUnsettled - 1;
      while (settledUpTo < issuedUpTo
          && settledUpTo - firstUnsettled + 1 < MAX_SPANS_PER_CHECKPOINT
          && (last || settled(settledUpTo + 1, now))) {
        settledUpTo++;
      }
      boolean more =
          settledUpTo < issuedUpTo && settledUpTo - firstUnsettled + 1 == MAX_SPANS_PER_CHECKPOINT;
      if (settledUpTo >= firstUnsettled || (!more && (last || !dropped.isEmpty()))) {
        checkpoints.add(sign(settledUpTo, more ? "interval" : reason));
      }
      if (!more) {
        return checkpoints;
      }
    }
  }

  private boolean settled(long seq, long now) {
    if (exported.containsKey(seq)) {
      return true;
    }
    boolean forgotten = nextSeq.get() - seq > ISSUE_TIMES;
    return forgotten || now - issueTimes.get(slot(seq)) > graceNanos;
  }

  private SignedCheckpoint sign(long lastSeq, String reason) throws GeneralSecurityException {
    int size = (int) (lastSeq - firstUnsettled + 1);
    byte[] core = new byte[size * CanonicalSpan.DIGEST_BYTES];
    byte[] full = new byte[size * CanonicalSpan.DIGEST_BYTES];
    CheckpointCases cases = new CheckpointCases();
    long count = 0;
    for (int i = 0; i < size; i++) {
      Exported span = exported.remove(firstUnsettled + i);
      count += span == null ? 0 : 1;
      copy(span == null ? NEVER_EXPORTED : span.core(), core, i);
      copy(span == null ? NEVER_EXPORTED : span.full(), full, i);
      if (span != null) {
        for (String caseId : span.caseIds()) {
          cases.add(caseId, firstUnsettled + i);
        }
      }
    }
    Checkpoint checkpoint =
        new Checkpoint(
            stream,
            index,
            firstUnsettled,
            lastSeq,
            count,
            Base64.getEncoder().encodeToString(core),
            Base64.getEncoder().encodeToString(full),
            cases.json(),
            dropped.json(),
            previous,
            epochMicros.getAsLong(),
            reason,
            keyId,
            Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
            key.ephemeral() ? "ephemeral" : "configured");
    String signature = Base64.getEncoder().encodeToString(key.sign(checkpoint.payload()));
    index++;
    previous = checkpoint.hash();
    dropped = new DroppedEvidence();
    firstUnsettled = lastSeq + 1;
    return new SignedCheckpoint(checkpoint, signature);
  }

  private static void copy(byte[] digest, byte[] into, int position) {
    System.arraycopy(
        digest, 0, into, position * CanonicalSpan.DIGEST_BYTES, CanonicalSpan.DIGEST_BYTES);
  }

  private static int slot(long seq) {
    return (int) (seq & (ISSUE_TIMES - 1));
  }
}
