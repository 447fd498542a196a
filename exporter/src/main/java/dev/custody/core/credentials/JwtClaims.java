package dev.custody.core.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level string and number claims of a JWT's payload, read without verifying the token: what a credential that
 * is a JWT says about itself ({@code sub}, {@code jti}, {@code iat}, {@code exp}). Nested claims are skipped.
 */
public final class JwtClaims {

  private final Map<String, Object> claims;

  private JwtClaims(Map<String, Object> claims) {
    this.claims = claims;
  }

  /** The claims of {@code token}, or null when it is no signed JWT with a JSON object payload. */
  public static JwtClaims of(String token) {
    if (token == null) {
      return null;
    }
    String[] parts = token.trim().split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      return new JwtClaims(new Reader(payload).topLevelObject());
    } catch (IllegalArgumentException | IndexOutOfBoundsException notAJwt) {
      return null;
    }
  }

  /** A string claim, or null when absent or not a string. */
  public String string(String name) {
    return claims.get(name) instanceof String value ? value : null;
  }

  /** A NumericDate claim ({@code iat}, {@code exp}, {@code nbf}) as an instant, or null. */
  public Instant time(String name) {
    return claims.get(name) instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : null;
  }

  /** A JSON reader for one object, keeping its top-level strings and numbers. */
  private static final class Reader {
    private final String json;
    private int at;

    Reader(String json) {
      this.json = json;
    }

    Map<String, Object> topLevelObject() {
      Map<String, Object> members = new HashMap<>();
      expect('{');
      if (peek() == '}') {
        return members;
      }
      do {
        String name = string();
        expect(':');
        Object value = value();
        if (value instanceof String || value instanceof Number) {
          members.put(name, value);
        }
      } while (next() == ',');
      at--;
      expect('}');
      return members;
    }

    /** A string or number; other values are read past and null. */
    private Object value() {
      char first = peek();
      if (first == '"') {
        return string();
      }
      if (first == '{' || first == '[') {
        skipNested();
        return null;
      }
      int start = at;
      while (at < json.length() && ",}] \t\r\n".indexOf(json.charAt(at)) < 0) {
        at++;
      }
      String literal = json.substring(start, at);
      try {
        return literal.contains(".") || literal.contains("e") || literal.contains("E")
            ? (Object) Double.valueOf(literal)
            : (Object) Long.valueOf(literal);
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }

    private void skipNested() {
      int depth = 0;
      do {
        char c = next();
        if (c == '"') {
          at--;
          string();
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
        }
      } while (depth > 0);
    }

    private String string() {
      expect('"');
      StringBuilder text = new StringBuilder();
      for (char c = json.charAt(at++); c != '"'; c = json.charAt(at++)) {
        if (c != '\\') {
          text.append(c);
          continue;
        }
        char escaped = json.charAt(at++);
        switch (escaped) {
          case 'b' -> text.append('\b');
          case 'f' -> text.append('\f');
          case 'n' -> text.append('\n');
          case 'r' -> text.append('\r');
          case 't' -> text.append('\t');
          case 'u' -> {
            text.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
            at += 4;
          }
          default -> text.append(escaped);
        }
      }
      return text.toString();
    }

    private void expect(char wanted) {
      if (next() != wanted) {
        throw new IllegalArgumentException("expected " + wanted + " at " + (at - 1));
      }
    }

    /** The next character that is not white space, consumed. */
    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private char peek() {
      while (Character.isWhitespace(json.charAt(at))) {
        at++;
      }
      return json.charAt(at);
    }
  }
}
