package dev.custody.cli.verify;

import dev.custody.cli.source.ReceivedSpan;
import dev.custody.exporter.integrity.CanonicalSpan;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.Arrays;

/**
 * What the check keeps of a received span: its number, whether it carries the case reported on, the
 * digests of its readings (in the form its source keeps), and what a finding names. Not the span: a
 * large record is checked in memory that grows with its number of spans, not its size.
 *
 * @param digests the digest of each reading, {@link CanonicalSpan#DIGEST_BYTES} each, one after the
 *     other
 */
record SeenSpan(
    long seq,
    boolean inCase,
    boolean fullForm,
    byte[] digests,
    String spanId,
    String name,
    String caseIds,
    long startMicros) {

  static SeenSpan of(ReceivedSpan span, long seq, boolean inCase) {
    int readings = 1 + span.readings().size();
    byte[] digests = new byte[readings * CanonicalSpan.DIGEST_BYTES];
    digestInto(span.evidence(), span.keepsFullForm(), digests, 0);
    for (int i = 1; i < readings; i++) {
      digestInto(span.readings().get(i - 1), span.keepsFullForm(), digests, i);
    }
    EvidenceSpan evidence = span.evidence();
    return new SeenSpan(
        seq,
        inCase,
        span.keepsFullForm(),
        digests,
        evidence.spanId(),
        evidence.name(),
        span.caseIds().isEmpty() ? null : String.join(", ", span.caseIds()),
        evidence.startMicros());
  }

  /** Whether one of its readings has the digest the checkpoint signed for its number. */
  boolean matches(byte[] coreDigest, byte[] fullDigest) {
    byte[] signed = fullForm ? fullDigest : coreDigest;
    for (int at = 0; at < digests.length; at += CanonicalSpan.DIGEST_BYTES) {
      if (Arrays.equals(digests, at, at + CanonicalSpan.DIGEST_BYTES, signed, 0, signed.length)) {
        return true;
      }
    }
    return false;
  }

  private static void digestInto(EvidenceSpan span, boolean fullForm, byte[] into, int index) {
    byte[] digest =
        CanonicalSpan.digest(fullForm ? CanonicalSpan.full(span) : CanonicalSpan.core(span));
    System.arraycopy(
        digest, 0, into, index * CanonicalSpan.DIGEST_BYTES, CanonicalSpan.DIGEST_BYTES);
  }
}
