package dev.custody.exporter.integrity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an event's attributes back from its annotation, {@code "name":{"key":value,...}} with
 * strings quoted but not escaped ({@link EvidenceSpan.Event}). Values come back as their text
 * (arrays bracketed); a string holding {@code ",} or {@code "}} is cut there.
 */
final class EventAttributes {

  private EventAttributes() {}

  /** The attributes of the event if it is named {@code name}, else empty. */
  static Optional<Map<String, String>> of(EvidenceSpan.Event event, String name) {
    String prefix = '"' + name + "\":{";
    String text = event.annotation();
    if (text == null || !text.startsWith(prefix)) {
      return Optional.empty();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    int at = prefix.length();
    while (at < text.length() && text.charAt(at) == '"') {
      int keyEnd = text.indexOf("\":", at + 1);
      if (keyEnd < 0) {
        break;
      }
      String key = text.substring(at + 1, keyEnd);
      int valueStart = keyEnd + 2;
      int valueEnd = valueEnd(text, valueStart);
      if (valueEnd < 0) {
        break;
      }
      attributes.put(key, unquoted(text.substring(valueStart, valueEnd)));
      at = valueEnd + 1;
    }
    return Optional.of(attributes);
  }

  /** Where the value starting at {@code from} ends: the {@code ,} or {@code }} after it. */
  private static int valueEnd(String text, int from) {
    if (from >= text.length()) {
      return -1;
    }
    char first = text.charAt(from);
    int scan = from;
    if (first == '"') {
      scan = from + 1;
      while (scan < text.length()) {
        int quote = text.indexOf('"', scan);
        if (quote < 0 || quote + 1 >= text.length()) {
          return -1;
        }
        char after = text.charAt(quote + 1);
        if (after == ',' || after == '}') {
          return quote + 1;
        }
        scan = quote + 1;
      }
      return -1;
    }
    if (first == '[') {
      int close = text.indexOf(']', from);
      return close < 0 || close + 1 >= text.length() ? -1 : close + 1;
    }
    while (scan < text.length() && text.charAt(scan) != ',' && text.charAt(scan) != '}') {
      scan++;
    }
    return scan < text.length() ? scan : -1;
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
