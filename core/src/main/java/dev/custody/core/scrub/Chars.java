package dev.custody.core.scrub;

/**
 * The character classes the secret scanners read text by, as bits of one table of the ASCII
 * characters (no class holds any other): a scanner tests a character against a mask with one array
 * read, the same code for every class.
 */
final class Chars {

  static final int UPPER = 1;
  static final int LOWER = 1 << 1;
  static final int DIGIT = 1 << 2;
  static final int UNDERSCORE = 1 << 3;
  static final int DASH = 1 << 4;
  static final int DOT = 1 << 5;
  static final int PLUS_SLASH = 1 << 6;
  static final int EQUALS = 1 << 7;
  static final int TILDE = 1 << 8;
  static final int HEX_LETTER = 1 << 9;
  static final int SPACE = 1 << 10;

  static final int LETTER = UPPER | LOWER;
  static final int ALNUM = LETTER | DIGIT;

  /** {@code [A-Za-z0-9_]}, a word as regular expressions see it. */
  static final int WORD = ALNUM | UNDERSCORE;

  static final int HEX = DIGIT | HEX_LETTER;

  /** Base64 of URLs and JWTs: {@code [A-Za-z0-9_-]}. */
  static final int BASE64URL = WORD | DASH;

  /** Standard base64, without padding: {@code [A-Za-z0-9+/]}. */
  static final int BASE64 = ALNUM | PLUS_SLASH;

  /** An RFC 6750 bearer token: {@code [A-Za-z0-9._~+/=-]}. */
  static final int TOKEN68 = BASE64URL | DOT | TILDE | PLUS_SLASH | EQUALS;

  /** A name things are given to: {@code [A-Za-z0-9_.-]}. */
  static final int NAME = WORD | DOT | DASH;

  private static final int[] CLASSES = classes();

  private Chars() {}

  /** True when {@code c} is in one of the classes of {@code mask}. */
  static boolean is(char c, int mask) {
    return c < 128 && (CLASSES[c] & mask) != 0;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The end of the run of characters of {@code mask} that starts at {@code from}. */
  static int runEnd(String text, int from, int mask) {
    int end = from;
    int length = text.length();
    while (end < length) {
      char c = text.charAt(end);
      if (c >= 128 || (CLASSES[c] & mask) == 0) {
        break;
      }
      end++;
    }
    return end;
  }

  /** Receives a run of characters: {@code [start, end)} of the text. */
  @FunctionalInterface
  interface Runs {
    void run(int start, int end);
  }

  /**
   * Calls {@code found} with each maximal run of characters of {@code mask} at least {@code
   * shortest} long. Reads about one character in {@code shortest} outside such runs: a run that
   * long must hold the character {@code shortest - 1} after any point before it, so only that one
   * is probed.
   */
  static void longRuns(String text, int mask, int shortest, Runs found) {
    int length = text.length();
    int i = 0; // the character before i, if any, is not in the class
    while (i + shortest <= length) {
      int probe = i + shortest - 1;
      if (!is(text.charAt(probe), mask)) {
        i = probe + 1;
        continue;
      }
      int start = probe;
      while (start > i && is(text.charAt(start - 1), mask)) {
        start--;
      }
      int end = runEnd(text, probe + 1, mask);
      if (end - start >= shortest) {
        found.run(start, end);
      }
      i = end + 1;
    }
  }

  /** True when {@code text} holds {@code word} at {@code at}, ignoring case. */
  static boolean hasAt(String text, int at, String word) {
    return text.regionMatches(true, at, word, 0, word.length());
  }

  private static int[] classes() {
    int[] classes = new int[128];
    for (char c = 'A'; c <= 'Z'; c++) {
      classes[c] |= UPPER;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      classes[c] |= LOWER;
    }
    for (char c = '0'; c <= '9'; c++) {
      classes[c] |= DIGIT;
    }
    for (char c : "abcdefABCDEF".toCharArray()) {
      classes[c] |= HEX_LETTER;
    }
    for (char c : " \t\n\r\f\u000b".toCharArray()) {
      classes[c] |= SPACE;
    }
    classes['_'] |= UNDERSCORE;
    classes['-'] |= DASH;
    classes['.'] |= DOT;
    classes['+'] |= PLUS_SLASH;
    classes['/'] |= PLUS_SLASH;
    classes['='] |= EQUALS;
    classes['~'] |= TILDE;
    return classes;
  }
}
