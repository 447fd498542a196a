package dev.custody.extension.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one metric attribute may take, so that a fleet's metrics stay few: each cut to {@value
 * #MAX_LENGTH} characters, the first {@code max} distinct ones kept as they are and any later one
 * counted as {@value #OTHER}.
 */
final class BoundedValues {

  static final int MAX_LENGTH = 64;
  static final String OTHER = "other";
  static final String UNKNOWN = "unknown";

  private final int max;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  BoundedValues(int max) {
    this.max = max;
  }

  /** {@code value} as the metric records it: {@value #UNKNOWN} when there is none. */
  String of(String value) {
    if (value == null || value.isEmpty()) {
      return UNKNOWN;
    }
    String cut = value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    if (seen.contains(cut)) {
      return cut;
    }
    synchronized (this) {
      if (seen.size() >= max) {
        return OTHER;
      }
      seen.add(cut);
      return cut;
    }
  }
}
