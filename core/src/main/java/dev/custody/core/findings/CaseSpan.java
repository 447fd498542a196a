package dev.custody.core.findings;

import java.util.List;
import java.util.Map;

/**
 * A span as the finding rules read it: one a backend gave back, or one of this process as it ended.
 * Times are in microseconds; attribute values are strings, or lists of strings for arrays.
 */
public interface CaseSpan {

  String spanId();

  /** 16 lowercase hex digits, or null for a root. */
  String parentSpanId();

  /** Its name; a source may give none. */
  String name();

  /** CLIENT, SERVER, PRODUCER or CONSUMER; null for INTERNAL. */
  String kind();

  long startMicros();

  long durationMicros();

  /** OK or ERROR; null when unset. */
  String statusCode();

  Map<String, Object> attributes();

  /** The attributes of each of its events named {@code name}, values as their text. */
  List<Map<String, String>> eventAttributes(String name);

  /**
   * The value of {@code key} on {@code span} as a string (an array joined with commas), or null.
   */
  static String text(CaseSpan span, String key) {
    Object value = span.attributes().get(key);
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return value == null ? null : value.toString();
  }

  /** The elements of array attribute {@code key} (a single value as one element), or none. */
  static List<String> list(CaseSpan span, String key) {
    Object value = span.attributes().get(key);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(value.toString());
  }
}
