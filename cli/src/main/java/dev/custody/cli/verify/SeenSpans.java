package dev.custody.cli.verify;

import dev.custody.cli.source.ReceivedSpan;
import dev.custody.exporter.integrity.CanonicalSpan;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the check keeps of the spans of one stream, in columns: per span its number, start, the
 * digest of its form, span id, name and cases (the last two as indexes into a table of the distinct
 * ones), about 50 bytes, not the span. A large record is checked in memory that grows with its
 * number of spans, not its size. Spans are addressed by index; {@link #sort} orders them by number
 * (copies in the order received) before they are looked up.
 */
final class SeenSpans {

  private static final int DIGEST = CanonicalSpan.DIGEST_BYTES;
  private static final byte IN_CASE = 1;
  private static final byte FULL_FORM = 2;
  private static final byte TAKEN = 4;

  private long[] seqs = new long[16];
  private long[] starts = new long[16];
  private long[] spanIds = new long[16];
  private int[] names = new int[16];
  private int[] cases = new int[16];
  private byte[] flags = new byte[16];
  private byte[] digests = new byte[16 * DIGEST];
  private final Map<Integer, String> otherIds = new HashMap<>();
  private final Map<Integer, byte[]> otherReadings = new HashMap<>();
  private final List<String> labels = new ArrayList<>();
  private final Map<String, Integer> labelIndex = new HashMap<>();
  private int size;
  private boolean anyInCase;
  private int[] order = new int[0];

  void add(ReceivedSpan span, long seq, boolean inCase) {
    if (size == seqs.length) {
      grow();
    }
    EvidenceSpan evidence = span.evidence();
    int at = size++;
    seqs[at] = seq;
    starts[at] = evidence.startMicros();
    names[at] = label(evidence.name());
    cases[at] = label(span.caseIds().isEmpty() ? null : String.join(", ", span.caseIds()));
    flags[at] = (byte) ((inCase ? IN_CASE : 0) | (span.keepsFullForm() ? FULL_FORM : 0));
    anyInCase |= inCase;
    String id = evidence.spanId();
    if (id != null && id.length() == 16 && id.chars().allMatch(SeenSpans::isLowerHex)) {
      spanIds[at] = HexFormat.fromHexDigitsToLong(id);
    } else {
      otherIds.put(at, id);
    }
    System.arraycopy(digest(evidence, span.keepsFullForm()), 0, digests, at * DIGEST, DIGEST);
    if (!span.readings().isEmpty()) {
      byte[] more = new byte[span.readings().size() * DIGEST];
      for (int i = 0; i < span.readings().size(); i++) {
        byte[] digest = digest(span.readings().get(i), span.keepsFullForm());
        System.arraycopy(digest, 0, more, i * DIGEST, DIGEST);
      }
      otherReadings.put(at, more);
    }
  }

  boolean anyInCase() {
    return anyInCase;
  }

  /** Orders the spans by number, copies of one number in the order received. */
  void sort() {
    order =
        IntStream.range(0, size)
            .boxed()
            .sorted(Comparator.comparingLong(i -> seqs[i]))
            .mapToInt(Integer::intValue)
            .toArray();
  }

  /** The spans numbered {@code seq} not taken yet, taken now (empty when none). */
  List<Integer> take(long seq) {
    List<Integer> taken = new ArrayList<>(1);
    for (int at = first(seq); at < size && seqs[order[at]] == seq; at++) {
      int span = order[at];
      if ((flags[span] & TAKEN) == 0) {
        flags[span] |= TAKEN;
        taken.add(span);
      }
    }
    return taken;
  }

  /** The distinct numbers from {@code from} to {@code to} whose spans are not taken. */
  long[] untakenNumbers(long from, long to) {
    return IntStream.range(first(from), size)
        .map(at -> order[at])
        .takeWhile(span -> seqs[span] <= to)
        .filter(span -> (flags[span] & TAKEN) == 0)
        .mapToLong(span -> seqs[span])
        .distinct()
        .toArray();
  }

  /** The spans not taken, by number. */
  int[] untaken() {
    return Arrays.stream(order).filter(span -> (flags[span] & TAKEN) == 0).toArray();
  }

  long seq(int span) {
    return seqs[span];
  }

  boolean inCase(int span) {
    return (flags[span] & IN_CASE) != 0;
  }

  /** Whether one of its readings has the digest the checkpoint signed for its number. */
  boolean matches(int span, byte[] coreDigest, byte[] fullDigest) {
    byte[] signed = (flags[span] & FULL_FORM) != 0 ? fullDigest : coreDigest;
    if (Arrays.equals(digests, span * DIGEST, span * DIGEST + DIGEST, signed, 0, DIGEST)) {
      return true;
    }
    byte[] more = otherReadings.getOrDefault(span, new byte[0]);
    for (int at = 0; at < more.length; at += DIGEST) {
      if (Arrays.equals(more, at, at + DIGEST, signed, 0, DIGEST)) {
        return true;
      }
    }
    return false;
  }

  Finding finding(int span, String problem) {
    return new Finding(
        otherIds.containsKey(span) ? otherIds.get(span) : HexFormat.of().toHexDigits(spanIds[span]),
        labels.get(names[span]),
        labels.get(cases[span]),
        Instant.EPOCH.plus(starts[span], ChronoUnit.MICROS),
        problem);
  }

  /** The first position in {@link #order} whose number is {@code seq} or more. */
  private int first(long seq) {
    int low = 0;
    int high = size;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (seqs[order[middle]] < seq) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private int label(String text) {
    return labelIndex.computeIfAbsent(
        text,
        t -> {
          labels.add(t);
          return labels.size() - 1;
        });
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private void grow() {
    int capacity = seqs.length * 2;
    seqs = Arrays.copyOf(seqs, capacity);
    starts = Arrays.copyOf(starts, capacity);
    spanIds = Arrays.copyOf(spanIds, capacity);
    names = Arrays.copyOf(names, capacity);
    cases = Arrays.copyOf(cases, capacity);
    flags = Arrays.copyOf(flags, capacity);
    digests = Arrays.copyOf(digests, capacity * DIGEST);
  }

  private static byte[] digest(EvidenceSpan span, boolean fullForm) {
    return CanonicalSpan.digest(fullForm ? CanonicalSpan.full(span) : CanonicalSpan.core(span));
  }
}
