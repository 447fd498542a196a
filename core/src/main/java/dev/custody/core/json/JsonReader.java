package dev.custody.core.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON reader of the audit core, for text an outsider may have written (a policy engine's
 * answer, a token's claims, a credentials file). Strict RFC 8259 JSON, bounded: at most {@link
 * #MAX_LENGTH} characters, {@link #MAX_VALUES} values and {@link #MAX_DEPTH} nested arrays and
 * objects. It never recurses on its input (the open arrays and objects are a stack of its own),
 * reads in time linear in the text's length, and throws nothing but {@link JsonParseException}: no
 * input makes an error or an unchecked exception of it.
 *
 * <p>What it reads: an object is an unmodifiable {@code Map<String, Object>} in document order (a
 * repeated name keeps its last value), an array an unmodifiable {@code List<Object>}, a string a
 * {@code String} (escaped lone surrogates kept as they are), a number a {@code Long} when it is
 * written without fraction or exponent and fits one, else a {@code Double} (infinite beyond its
 * range, as JavaScript reads it), {@code true}/{@code false} a {@code Boolean} and {@code null}
 * null.
 */
public final class JsonReader {

  /**
   * Arrays and objects nested deeper than this are no JSON of ours: nothing we read nests half as
   * deep.
   */
  public static final int MAX_DEPTH = 64;

  /** Characters: more than any answer, token or file we read holds. */
  public static final int MAX_LENGTH = 1024 * 1024;

  /**
   * Values (members and items, at any depth), so that a short text cannot make millions of objects.
   */
  public static final int MAX_VALUES = 100_000;

  private final String json;
  private final int maxValues;
  private int at;
  private int values;

  private JsonReader(String json, int maxValues) {
    this.json = json;
    this.maxValues = maxValues;
  }

  /** The value {@code json} holds, alone but for white space around it. */
  public static Object read(String json) throws JsonParseException {
    return read(json, MAX_LENGTH, MAX_VALUES);
  }

  /**
   * The same, within other bounds: for a document its reader chose to read (an exported trace file
   * read by the investigator's tool), never for what an outsider sends the application.
   */
  public static Object read(String json, int maxLength, int maxValues) throws JsonParseException {
    if (json == null) {
      throw new JsonParseException("no text", 0);
    }
    if (json.length() > maxLength) {
      throw new JsonParseException("longer than " + maxLength + " characters", maxLength);
    }
    return new JsonReader(json, maxValues).document();
  }

  private Object document() throws JsonParseException {
    Deque<Open> open = new ArrayDeque<>();
    while (true) {
      Object value;
      char first = peek();
      if (first == '{' || first == '[') {
        if (open.size() == MAX_DEPTH) {
          throw fail("nested deeper than " + MAX_DEPTH);
        }
        counted();
        at++;
        Open container = new Open(first == '{');
        if (peek() != container.closer()) {
          open.push(container);
          if (container.isObject()) {
            name(container);
          }
          continue;
        }
        at++;
        value = container.value();
      } else {
        counted();
        value = scalar(first);
      }
      // The value is whole: it goes into the innermost open container, closing those it ends.
      while (true) {
        Open container = open.peek();
        if (container == null) {
          skipSpace();
          if (at < json.length()) {
            throw fail("text after the value");
          }
          return value;
        }
        container.add(value);
        char next = peek();
        at++;
        if (next == ',') {
          if (container.isObject()) {
            name(container);
          }
          break;
        }
        if (next != container.closer()) {
          throw fail("expected ',' or '" + container.closer() + "'");
        }
        open.pop();
        value = container.value();
      }
    }
  }

  /** A member's name and its colon, read into {@code object}. */
  private void name(Open object) throws JsonParseException {
    if (peek() != '"') {
      throw fail("expected a member name");
    }
    object.name = string();
    if (peek() != ':') {
      throw fail("expected ':'");
    }
    at++;
  }

  private Object scalar(char first) throws JsonParseException {
    if (first == '"') {
      return string();
    }
    if (first == '-' || (first >= '0' && first <= '9')) {
      return number();
    }
    if (json.startsWith("true", at)) {
      at += 4;
      return Boolean.TRUE;
    }
    if (json.startsWith("false", at)) {
      at += 5;
      return Boolean.FALSE;
    }
    if (json.startsWith("null", at)) {
      at += 4;
      return null;
    }
    throw fail("unexpected character");
  }

  private String string() throws JsonParseException {
    at++; // the opening quote
    int start = at;
    StringBuilder unescaped = null;
    while (true) {
      if (at >= json.length()) {
        throw fail("string not closed");
      }
      char c = json.charAt(at);
      if (c == '"') {
        String text =
            unescaped == null
                ? json.substring(start, at)
                : unescaped.append(json, start, at).toString();
        at++;
        return text;
      }
      if (c < 0x20) {
        throw fail("control character in a string");
      }
      if (c != '\\') {
        at++;
        continue;
      }
      if (unescaped == null) {
        unescaped = new StringBuilder();
      }
      unescaped.append(json, start, at);
      at++;
      unescaped.append(escaped());
      start = at;
    }
  }

  /** The character an escape after its backslash stands for. */
  private char escaped() throws JsonParseException {
    if (at >= json.length()) {
      throw fail("string not closed");
    }
    char c = json.charAt(at++);
    switch (c) {
      case '"', '\\', '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        return hex4();
      default:
        at--;
        throw fail("unknown escape");
    }
  }

  private char hex4() throws JsonParseException {
    if (at + 4 > json.length()) {
      throw fail("\\u escape cut short");
    }
    int code = 0;
    for (int end = at + 4; at < end; at++) {
      char c = json.charAt(at);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        throw fail("not a hex digit");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  /**
   * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, checked here so the JDK's parsers never
   * throw.
   */
  private Number number() throws JsonParseException {
    int start = at;
    if (json.charAt(at) == '-') {
      at++;
    }
    if (at < json.length() && json.charAt(at) == '0') {
      at++;
    } else if (digits() == 0) {
      throw fail("a number without digits");
    }
    boolean integral = true;
    if (at < json.length() && json.charAt(at) == '.') {
      integral = false;
      at++;
      if (digits() == 0) {
        throw fail("no digits after the decimal point");
      }
    }
    if (at < json.length() && (json.charAt(at) == 'e' || json.charAt(at) == 'E')) {
      integral = false;
      at++;
      if (at < json.length() && (json.charAt(at) == '+' || json.charAt(at) == '-')) {
        at++;
      }
      if (digits() == 0) {
        throw fail("no digits in the exponent");
      }
    }
    String literal = json.substring(start, at);
    if (integral && at - start <= 18) {
      return Long.valueOf(literal); // 18 digits always fit a long
    }
    if (integral) {
      try {
        return Long.valueOf(literal);
      } catch (NumberFormatException beyondLong) {
        // read as a double below, as JavaScript would
      }
    }
    return Double.valueOf(literal);
  }

  private int digits() {
    int start = at;
    while (at < json.length() && json.charAt(at) >= '0' && json.charAt(at) <= '9') {
      at++;
    }
    return at - start;
  }

  private void counted() throws JsonParseException {
    if (++values > maxValues) {
      throw fail("more than " + maxValues + " values");
    }
  }

  /** The next character that is not white space, not consumed. */
  private char peek() throws JsonParseException {
    skipSpace();
    if (at >= json.length()) {
      throw fail("the text ends early");
    }
    return json.charAt(at);
  }

  private void skipSpace() {
    while (at < json.length()) {
      char c = json.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private JsonParseException fail(String reason) {
    return new JsonParseException(reason, at);
  }

  /**
   * An array or object being read: its items, or its members and the name of the one being read.
   */
  private static final class Open {
    private final Map<String, Object> members;
    private final List<Object> items;
    private String name;

    Open(boolean object) {
      members = object ? new LinkedHashMap<>() : null;
      items = object ? null : new ArrayList<>();
    }

    boolean isObject() {
      return members != null;
    }

    char closer() {
      return isObject() ? '}' : ']';
    }

    void add(Object value) {
      if (isObject()) {
        members.put(name, value);
      } else {
        items.add(value);
      }
    }

    Object value() {
      return isObject()
          ? Collections.unmodifiableMap(members)
          : Collections.unmodifiableList(items);
    }
  }
}
