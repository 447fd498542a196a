package dev.custody.core.scrub;

import java.util.Locale;
import java.util.Set;

/**
 * A random-looking token shortly after a secret word, in natural language or code: "my key is zq_9f8S7d...", "token:
 * ...", "the password for the site is Hx!9#kq2$Lp", "API key ...". Random-looking: a part of it (between {@code -},
 * {@code _} or {@code .}) of 12 or more characters (8 after a password word) that mixes letters with digits or symbols,
 * is not mostly words, not hex (ids and digests), and has high Shannon entropy. Trace ids, UUIDs, digests, ARNs, order
 * numbers, paths, e-mail addresses and identifiers stay. One pass over the tokens of the text.
 */
final class SecretsInProse {

  private static final Set<String> SECRET_WORDS =
      Set.of(
          "key", "keys", "apikey", "token", "tokens", "secret", "secrets", "credential", "credentials", "password",
          "passwords", "passwd", "passphrase", "pwd");

  private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwords", "passwd", "passphrase", "pwd");

  /** How far after a secret word its secret may be: characters, and tokens. */
  private static final int REACH = 80;

  private static final int TOKENS_REACHED = 8;

  private static final int SHORTEST = 12;
  private static final int SHORTEST_PASSWORD = 8;

  private SecretsInProse() {}

  static void find(String text, Redactions out) {
    int length = text.length();
    int armedUntil = -1;
    int tokensLeft = 0;
    boolean afterPasswordWord = false;
    int i = 0;
    while (i < length) {
      if (isSeparator(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < length && !isSeparator(text.charAt(i))) {
        i++;
      }
      int end = i;
      while (end > start && isSentencePunctuation(text.charAt(end - 1))) {
        end--;
      }
      if (end == start) {
        continue;
      }
      if (start < armedUntil && tokensLeft > 0) {
        tokensLeft--;
        if (looksSecret(text, start, end, afterPasswordWord)) {
          out.add(start, end, afterPasswordWord ? "password" : "secret");
          armedUntil = -1;
          continue;
        }
      }
      boolean endsSentence = end < i;
      String word = endsSentence ? null : secretWord(text, start, end);
      if (word != null) {
        armedUntil = i + REACH;
        tokensLeft = TOKENS_REACHED;
        afterPasswordWord = PASSWORD_WORDS.contains(word);
      } else if (endsSentence) {
        armedUntil = -1;
      }
    }
  }

  /** The secret word the token is or ends with ({@code apiKey}, {@code DB_PASSWORD}, {@code access-token}), or null. */
  private static String secretWord(String text, int start, int end) {
    if (end - start > 32) {
      return null;
    }
    int wordStart = end;
    while (wordStart > start && Chars.isLetter(text.charAt(wordStart - 1))) {
      wordStart--;
      boolean camelHump = Character.isUpperCase(text.charAt(wordStart))
          && wordStart > start && Character.isLowerCase(text.charAt(wordStart - 1));
      if (camelHump) {
        break;
      }
    }
    if (wordStart == end || (wordStart > start && Chars.isDigit(text.charAt(wordStart - 1)))) {
      return null;
    }
    String word = text.substring(wordStart, end).toLowerCase(Locale.ROOT);
    return SECRET_WORDS.contains(word) ? word : null;
  }

  static boolean looksSecret(String text, int start, int end, boolean afterPasswordWord) {
    if (end - start < (afterPasswordWord ? SHORTEST_PASSWORD : SHORTEST)) {
      return false;
    }
    char first = text.charAt(start);
    if (first == '/' || first == '~' || first == '.' || text.startsWith("//", start) || isEmail(text, start, end)) {
      return false;
    }
    int shortest = afterPasswordWord ? SHORTEST_PASSWORD : SHORTEST;
    int partStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || isPartSeparator(text.charAt(i))) {
        if (i - partStart >= shortest && looksRandom(text, partStart, i, afterPasswordWord)) {
          return true;
        }
        partStart = i + 1;
      }
    }
    return false;
  }

  /** Letters with digits or symbols, not hex, not mostly words, and high entropy. */
  private static boolean looksRandom(String text, int start, int end, boolean afterPasswordWord) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    boolean hexOnly = true;
    int inWords = 0;
    int lowerRun = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= Chars.isDigit(c);
      symbol |= !Chars.isAlnum(c);
      hexOnly &= Chars.isHex(c);
      lowerRun = c >= 'a' && c <= 'z' ? lowerRun + 1 : 0;
      if (lowerRun == 4) {
        inWords += 4;
      } else if (lowerRun > 4) {
        inWords++;
      }
    }
    int length = end - start;
    boolean letters = upper || lower;
    boolean mixed = letters && (digit || symbol || (upper && lower && length >= 20));
    if (hexOnly || !mixed || 2 * inWords >= length) {
      return false;
    }
    if (afterPasswordWord && length < SHORTEST) {
      int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
      return classes >= 3 && entropy(text, start, end) >= 2.5;
    }
    return entropy(text, start, end) >= 3.0;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String text, int start, int end) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double length = end - start;
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = count / length;
        bits -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = other / length;
      bits -= p * Math.log(p);
    }
    return bits / Math.log(2);
  }

  private static boolean isEmail(String text, int start, int end) {
    int at = -1;
    int lastDot = -1;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '@') {
        at = at < 0 ? i : at;
      } else if (c == '.') {
        lastDot = i;
      }
    }
    return at > start && lastDot > at + 1 && lastDot < end - 2;
  }

  /** Between tokens: spaces, quotes, brackets and the punctuation that separates a name from its value. */
  private static boolean isSeparator(char c) {
    return Chars.isSpace(c) || c == '"' || c == '\'' || c == '`' || c == ',' || c == ';' || c == ':' || c == '='
        || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '<' || c == '>' || c == '|'
        || c == '\\';
  }

  private static boolean isPartSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  private static boolean isSentencePunctuation(char c) {
    return c == '.' || c == '!' || c == '?';
  }
}
