package dev.custody.core.mcp;

import static dev.custody.bootstrap.JsonStrings.quote;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders decoded JSON (maps, iterables, strings, numbers, booleans, null) back to JSON text, passing each string
 * value through a filter so scrubbing and cutting keep the structure valid. Anything else renders as its text.
 */
final class JsonValues {

  private JsonValues() {}

  static String render(Object value, UnaryOperator<String> eachText) {
    StringBuilder json = new StringBuilder();
    append(json, value, eachText);
    return json.toString();
  }

  private static void append(StringBuilder json, Object value, UnaryOperator<String> eachText) {
    if (value == null || value instanceof Boolean || value instanceof Number) {
      json.append(value);
    } else if (value instanceof Map<?, ?> map) {
      json.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.append(separator).append(quote(String.valueOf(entry.getKey()))).append(':');
        append(json, entry.getValue(), eachText);
        separator = ",";
      }
      json.append('}');
    } else if (value instanceof Iterable<?> items) {
      json.append('[');
      String separator = "";
      for (Object item : items) {
        json.append(separator);
        append(json, item, eachText);
        separator = ",";
      }
      json.append(']');
    } else {
      json.append(quote(eachText.apply(String.valueOf(value))));
    }
  }
}
