package dev.custody.core.scrub;

/** The character classes the secret scanners read text by. */
final class Chars {

  private Chars() {}

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlnum(char c) {
    return isLetter(c) || isDigit(c);
  }

  /** A character of a word as regular expressions see it: {@code [A-Za-z0-9_]}. */
  static boolean isWord(char c) {
    return isAlnum(c) || c == '_';
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Base64 of URLs and JWTs: {@code [A-Za-z0-9_-]}. */
  static boolean isBase64Url(char c) {
    return isWord(c) || c == '-';
  }

  /** Standard base64, without padding: {@code [A-Za-z0-9+/]}. */
  static boolean isBase64(char c) {
    return isAlnum(c) || c == '+' || c == '/';
  }

  /** A character of an RFC 6750 bearer token: {@code [A-Za-z0-9._~+/=-]}. */
  static boolean isToken68(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** The end of the run of characters of {@code kind} that starts at {@code from}. */
  static int runEnd(String text, int from, CharClass kind) {
    int end = from;
    while (end < text.length() && kind.has(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** True when {@code text} holds {@code word} at {@code at}, ignoring case. */
  static boolean hasAt(String text, int at, String word) {
    return text.regionMatches(true, at, word, 0, word.length());
  }

  /** A set of characters. */
  @FunctionalInterface
  interface CharClass {
    boolean has(char c);
  }
}
