package dev.custody.exporter.integrity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes that get hashed and signed: JSON as RFC 8785 (JCS) writes it, for the only values the
 * integrity records hold (objects, arrays, strings and integers). Members sorted by name in UTF-16
 * code units, no white space, strings escaped as ECMAScript's {@code JSON.stringify} escapes them,
 * UTF-8. The verifier writes the same bytes from what a backend gives back.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** The UTF-8 bytes of {@code value}: a map with string keys, a list, a string, or a long. */
  public static byte[] bytes(Object value) {
    StringBuilder json = new StringBuilder(256);
    write(json, value);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder json, Object value) {
    if (value instanceof String text) {
      string(json, text);
    } else if (value instanceof Long || value instanceof Integer) {
      json.append(value);
    } else if (value instanceof Map<?, ?> map) {
      object(json, map);
    } else if (value instanceof List<?> list) {
      json.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        write(json, list.get(i));
      }
      json.append(']');
    } else {
      throw new IllegalArgumentException("not a canonical value: " + value);
    }
  }

  private static void object(StringBuilder json, Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((name, member) -> sorted.put((String) name, member));
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : sorted.entrySet()) {
      if (member.getValue() == null) {
        continue; // an absent field and a null one are the same record
      }
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, member.getKey());
      json.append(':');
      write(json, member.getValue());
    }
    json.append('}');
  }

  /** {@code text} as an RFC 8785 string, quotes included; runs that need no escape copied whole. */
  static void string(StringBuilder json, String text) {
    json.append('"');
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      json.append(text, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default ->
            json.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
      }
    }
    json.append(text, run, text.length()).append('"');
  }
}
