package dev.custody.core.json;

import dev.custody.bootstrap.JsonStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one JSON writer of the audit core: objects, arrays, names and values written in order, the
 * commas between them placed by the writer, strings escaped by {@link JsonStrings} (the escaper the
 * secret registry shares). Decoded values (maps, iterables...) are written by {@link #decoded}, at
 * most {@link JsonReader#MAX_DEPTH} deep.
 */
public final class JsonWriter {

  /** What stands for a value nested deeper than {@link JsonReader#MAX_DEPTH} (or in a cycle). */
  public static final String TOO_DEEP = "[nested too deep]";

  private final StringBuilder json = new StringBuilder();
  private boolean afterValue;

  public JsonWriter beginObject() {
    return open("{");
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter beginArray() {
    return open("[");
  }

  public JsonWriter endArray() {
    return close(']');
  }

  /** The name of the next member of the object being written. */
  public JsonWriter name(String name) {
    return open(JsonStrings.quote(name) + ':');
  }

  /** A string, or null. */
  public JsonWriter value(String text) {
    return raw(text == null ? "null" : JsonStrings.quote(text));
  }

  public JsonWriter value(boolean flag) {
    return raw(String.valueOf(flag));
  }

  /**
   * A number, or null; one JSON cannot hold (NaN, an infinity) is null, as JavaScript writes it.
   */
  public JsonWriter value(Number number) {
    boolean floating = number instanceof Double || number instanceof Float;
    if (number == null || (floating && !Double.isFinite(number.doubleValue()))) {
      return raw("null");
    }
    if (floating
        || number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger
        || number instanceof BigDecimal) {
      return raw(number.toString());
    }
    return value(number.toString()); // a Number whose text may be no JSON number: kept as a string
  }

  /**
   * A decoded JSON value, as {@link JsonReader} or a library's JSON mapper gives it: maps as
   * objects (keys as their text), iterables as arrays, numbers, booleans, null, and every string,
   * or anything else by its text, passed through {@code eachText}, so that scrubbing or cutting the
   * text keeps the structure valid.
   */
  public JsonWriter decoded(Object value, UnaryOperator<String> eachText) {
    return decoded(value, eachText, 0);
  }

  private JsonWriter decoded(Object value, UnaryOperator<String> eachText, int depth) {
    if (value == null || value instanceof Number) {
      return value((Number) value);
    }
    if (value instanceof Boolean flag) {
      return value(flag.booleanValue());
    }
    if ((value instanceof Map || value instanceof Iterable) && depth == JsonReader.MAX_DEPTH) {
      return value(TOO_DEEP);
    }
    if (value instanceof Map<?, ?> members) {
      beginObject();
      for (Map.Entry<?, ?> member : members.entrySet()) {
        name(String.valueOf(member.getKey())).decoded(member.getValue(), eachText, depth + 1);
      }
      return endObject();
    }
    if (value instanceof Iterable<?> items) {
      beginArray();
      for (Object item : items) {
        decoded(item, eachText, depth + 1);
      }
      return endArray();
    }
    return value(eachText.apply(String.valueOf(value)));
  }

  /** The JSON written so far. */
  @Override
  public String toString() {
    return json.toString();
  }

  /** A bracket or a name: what follows needs no comma. */
  private JsonWriter open(String opening) {
    raw(opening);
    afterValue = false;
    return this;
  }

  private JsonWriter close(char bracket) {
    json.append(bracket);
    afterValue = true;
    return this;
  }

  /** A value, after a comma when one came before it. */
  private JsonWriter raw(String literal) {
    if (afterValue) {
      json.append(',');
    }
    json.append(literal);
    afterValue = true;
    return this;
  }
}
