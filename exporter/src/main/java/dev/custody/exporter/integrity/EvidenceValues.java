package dev.custody.exporter.integrity;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Attribute values as the canonical forms hold them, from the Java values an SDK or an OTLP reader
 * has (String, Long, Double, Boolean, or a List of those).
 */
public final class EvidenceValues {

  private EvidenceValues() {}

  /**
   * A string as it is, another value as Java prints it, an array as a list of those; and a string
   * that is the JSON text of an array of scalars as that array (Jaeger keeps arrays as such text,
   * so an array and its text are one value in the canonical forms).
   */
  public static Object of(Object value) {
    if (value instanceof List<?> list) {
      List<String> strings = new ArrayList<>(list.size());
      list.forEach(element -> strings.add(String.valueOf(element)));
      return strings;
    }
    List<String> array = value instanceof String text ? arrayText(text) : null;
    return array != null ? array : String.valueOf(value);
  }

  /**
   * The elements, as {@link #of} prints them, of a string that is the JSON text of an array of
   * strings, numbers and booleans; null for any other string.
   */
  public static List<String> arrayText(String text) {
    int last = text.length() - 1;
    if (last < 1 || text.charAt(0) != '[' || text.charAt(last) != ']' || !scalarFirst(text)) {
      return null;
    }
    Object parsed;
    try {
      parsed = JsonReader.read(text, text.length(), text.length());
    } catch (JsonParseException e) {
      return null;
    }
    List<String> elements = new ArrayList<>();
    for (Object element : (List<?>) parsed) {
      if (!(element instanceof String || element instanceof Number || element instanceof Boolean)) {
        return null;
      }
      elements.add(String.valueOf(element));
    }
    return elements;
  }

  /** Whether the text after {@code [} starts a scalar or ends the array: rules out most JSON. */
  private static boolean scalarFirst(String text) {
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c != '{' && c != '[' && c != 'n';
      }
    }
    return false;
  }

  /** Every value of {@code attributes} as {@link #of}, sorted by key. */
  public static SortedMap<String, Object> of(Map<String, ?> attributes) {
    SortedMap<String, Object> values = new TreeMap<>();
    attributes.forEach((key, value) -> values.put(key, of(value)));
    return values;
  }

  /** An array as Zipkin keeps it: its elements joined with commas. */
  public static String joined(List<?> values) {
    StringBuilder joined = new StringBuilder();
    for (Object value : values) {
      if (joined.length() > 0) {
        joined.append(',');
      }
      joined.append(value);
    }
    return joined.toString();
  }

  /**
   * An event as the stock Zipkin exporter writes it: {@code "name":{"key":value,...}}, keys sorted,
   * strings quoted but not escaped, numbers and booleans bare, arrays bracketed.
   */
  public static String annotation(String name, Map<String, ?> attributes) {
    StringBuilder annotation = new StringBuilder().append('"').append(name).append("\":{");
    String separator = "";
    for (Map.Entry<String, ?> attribute : new TreeMap<>(attributes).entrySet()) {
      annotation.append(separator).append('"').append(attribute.getKey()).append("\":");
      appendZipkinValue(annotation, attribute.getValue());
      separator = ",";
    }
    return annotation.append('}').toString();
  }

  private static void appendZipkinValue(StringBuilder annotation, Object value) {
    if (value instanceof String) {
      annotation.append('"').append(value).append('"');
    } else if (value instanceof List<?> list) {
      annotation.append('[');
      for (int i = 0; i < list.size(); i++) {
        annotation.append(i > 0 ? "," : "");
        appendZipkinValue(annotation, list.get(i));
      }
      annotation.append(']');
    } else {
      annotation.append(value);
    }
  }
}
