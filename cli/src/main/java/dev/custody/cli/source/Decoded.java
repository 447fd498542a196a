package dev.custody.cli.source;

import java.util.List;
import java.util.Map;

/**
 * Reading what {@code JsonReader} decoded from a backend's answer, leniently: a member that is
 * missing or of another shape reads as empty, zero or null, so one odd span does not stop a read.
 */
final class Decoded {

  private Decoded() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A whole number, written as a number or (OTLP JSON's 64-bit numbers) as a string; 0 if none. */
  static long number(Object value) {
    if (value == null) {
      return 0;
    }
    return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
  }
}
