package dev.custody.core.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object read from a document that says who someone is (a JWT's header or claims, a cloud credentials file),
 * with the reads those need. Parsing is strict and bounded in depth; anything that is not one JSON object reads as
 * null.
 */
public final class JsonObject {

  public static final JsonObject EMPTY = new JsonObject(Map.of());

  private static final int MAX_DEPTH = 32;

  private final Map<String, Object> members;

  private JsonObject(Map<String, Object> members) {
    this.members = members;
  }

  /** The object {@code json} holds, or null when it holds anything else or is not JSON. */
  public static JsonObject parse(String json) {
    try {
      Parser parser = new Parser(json);
      Object value = parser.value(0);
      parser.end();
      return value instanceof JsonObject object ? object : null;
    } catch (IllegalArgumentException | IndexOutOfBoundsException notJson) {
      return null;
    }
  }

  /** A string member, or null when absent or not a string. */
  public String string(String name) {
    return members.get(name) instanceof String value ? value : null;
  }

  /** A number member, or null when absent or not a number. */
  public Number number(String name) {
    return members.get(name) instanceof Number value ? value : null;
  }

  /** An object member; {@link #EMPTY} when absent or not an object. */
  public JsonObject object(String name) {
    return members.get(name) instanceof JsonObject object ? object : EMPTY;
  }

  /** A strict reader of one JSON value: objects become {@link JsonObject}s, arrays lists, numbers Long or Double. */
  private static final class Parser {
    private final String json;
    private int at;

    Parser(String json) {
      this.json = json;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw new IllegalArgumentException("nested too deep");
      }
      char first = peek();
      return switch (first) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    void end() {
      skipWhitespace();
      if (at != json.length()) {
        throw new IllegalArgumentException("text after the value at " + at);
      }
    }

    private JsonObject object(int depth) {
      expect('{');
      Map<String, Object> members = new LinkedHashMap<>();
      if (peek() == '}') {
        at++;
        return new JsonObject(members);
      }
      do {
        if (peek() != '"') {
          throw new IllegalArgumentException("expected a member name at " + at);
        }
        String name = string();
        expect(':');
        members.put(name, value(depth + 1));
      } while (consume(','));
      expect('}');
      return new JsonObject(members);
    }

    private List<Object> array(int depth) {
      expect('[');
      List<Object> items = new ArrayList<>();
      if (peek() == ']') {
        at++;
        return items;
      }
      do {
        items.add(value(depth + 1));
      } while (consume(','));
      expect(']');
      return items;
    }

    private String string() {
      expect('"');
      StringBuilder text = new StringBuilder();
      for (char c = json.charAt(at++); c != '"'; c = json.charAt(at++)) {
        if (c < 0x20) {
          throw new IllegalArgumentException("control character in a string at " + (at - 1));
        }
        if (c != '\\') {
          text.append(c);
          continue;
        }
        char escaped = json.charAt(at++);
        switch (escaped) {
          case '"', '\\', '/' -> text.append(escaped);
          case 'b' -> text.append('\b');
          case 'f' -> text.append('\f');
          case 'n' -> text.append('\n');
          case 'r' -> text.append('\r');
          case 't' -> text.append('\t');
          case 'u' -> {
            text.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw new IllegalArgumentException("bad escape at " + (at - 1));
        }
      }
      return text.toString();
    }

    private Object literal(String word, Object value) {
      if (!json.startsWith(word, at)) {
        throw new IllegalArgumentException("unexpected text at " + at);
      }
      at += word.length();
      return value;
    }

    private Number number() {
      int start = at;
      while (at < json.length() && "+-0123456789.eE".indexOf(json.charAt(at)) >= 0) {
        at++;
      }
      String literal = json.substring(start, at);
      if (literal.isEmpty()) {
        throw new IllegalArgumentException("unexpected text at " + start);
      }
      try {
        return literal.contains(".") || literal.contains("e") || literal.contains("E")
            ? Double.valueOf(literal)
            : Long.valueOf(literal);
      } catch (NumberFormatException notANumber) {
        return Double.valueOf(literal);
      }
    }

    private boolean consume(char wanted) {
      if (peek() == wanted) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char wanted) {
      if (peek() != wanted) {
        throw new IllegalArgumentException("expected " + wanted + " at " + at);
      }
      at++;
    }

    /** The next character that is not white space, not consumed. */
    private char peek() {
      skipWhitespace();
      return json.charAt(at);
    }

    private void skipWhitespace() {
      while (at < json.length() && " \t\r\n".indexOf(json.charAt(at)) >= 0) {
        at++;
      }
    }
  }
}
