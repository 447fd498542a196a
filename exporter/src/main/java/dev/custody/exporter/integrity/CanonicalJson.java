package dev.custody.exporter.integrity;

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
    CanonicalBytes json = new CanonicalBytes(256);
    write(json, value);
    return json.toByteArray();
  }

  private static void write(CanonicalBytes json, Object value) {
    if (value instanceof String text) {
      json.string(text);
    } else if (value instanceof Long || value instanceof Integer) {
      json.number(((Number) value).longValue());
    } else if (value instanceof Map<?, ?> map) {
      object(json, map);
    } else if (value instanceof List<?> list) {
      json.ascii('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.ascii(',');
        }
        write(json, list.get(i));
      }
      json.ascii(']');
    } else {
      throw new IllegalArgumentException("not a canonical value: " + value);
    }
  }

  private static void object(CanonicalBytes json, Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((name, member) -> sorted.put((String) name, member));
    json.ascii('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : sorted.entrySet()) {
      if (member.getValue() == null) {
        continue; // an absent field and a null one are the same record
      }
      if (!first) {
        json.ascii(',');
      }
      first = false;
      json.string(member.getKey());
      json.ascii(':');
      write(json, member.getValue());
    }
    json.ascii('}');
  }
}
