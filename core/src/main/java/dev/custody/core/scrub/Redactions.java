package dev.custody.core.scrub;

import java.util.Arrays;

/**
 * The places in a text where scanners found secrets, each with its kind. Scanners only add places;
 * the text is rewritten once, at the end, each run of overlapping places becoming one {@code
 * [REDACTED:<kind>]} marker named after the place that starts first (the longest, then the first
 * found, when several start together).
 */
final class Redactions {

  static final String MARKER_PREFIX = "[REDACTED:";

  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private String[] kinds = new String[8];
  private int size;

  void add(int start, int end, String kind) {
    if (end <= start) {
      return;
    }
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      kinds = Arrays.copyOf(kinds, size * 2);
    }
    starts[size] = start;
    ends[size] = end;
    kinds[size] = kind;
    size++;
  }

  /** The text with every place replaced by its marker; the same instance when nothing was found. */
  String applyTo(String text) {
    if (size == 0) {
      return text;
    }
    Integer[] byStart = new Integer[size];
    for (int i = 0; i < size; i++) {
      byStart[i] = i;
    }
    Arrays.sort(
        byStart,
        (a, b) ->
            starts[a] != starts[b]
                ? Integer.compare(starts[a], starts[b])
                : ends[a] != ends[b] ? Integer.compare(ends[b], ends[a]) : Integer.compare(a, b));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int i = 0;
    while (i < size) {
      int first = byStart[i];
      int start = starts[first];
      int end = ends[first];
      for (i++; i < size && starts[byStart[i]] < end; i++) {
        end = Math.max(end, ends[byStart[i]]);
      }
      out.append(text, copied, start).append(MARKER_PREFIX).append(kinds[first]).append(']');
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }
}
