package dev.custody.bootstrap;

/**
 * The one JSON string escaper, shared by the secret registry (which also knows values in escaped
 * form) and the core's JSON writer, so that a value is registered in the very form the writer
 * exports it.
 */
public final class JsonStrings {

  private JsonStrings() {}

  /** The text escaped for use inside a JSON string, without the quotes. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** The text as a quoted JSON string. */
  public static String quote(String text) {
    return '"' + escape(text) + '"';
  }
}
