package dev.custody.core.scrub;

import java.util.Locale;
import java.util.Set;

/**
 * A random-looking token shortly after a secret word, in natural language or code, in a few languages: "my key is
 * zq_9f8S7d...", "token: ...", "the password for the site is Hx!9#kq2$Lp", "API key ...", "Mein Passwort ist ...".
 * Random-looking ({@link Randomness}): the token, or a part of it between {@code -}, {@code _} or {@code .}, of 12 or
 * more characters (8 after a password word). Trace ids, UUIDs, digests, ARNs, order numbers, paths, e-mail addresses,
 * identifiers and constants ({@code process.env.OPENAI_API_KEY}) stay. One pass over the tokens of the text.
 */
final class SecretsInProse {

  private static final Set<String> SECRET_WORDS =
      Set.of(
          "key", "keys", "apikey", "token", "tokens", "secret", "secrets", "credential", "credentials", "auth",
          "password", "passwords", "passwd", "passphrase", "pwd", "passwort", "kennwort", "passe", "contraseña",
          "senha", "wachtwoord");

  private static final Set<String> PASSWORD_WORDS =
      Set.of(
          "password", "passwords", "passwd", "passphrase", "pwd", "passwort", "kennwort", "passe", "contraseña",
          "senha", "wachtwoord");

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
      // After a colon, the word is a resource type (arn:aws:secretsmanager:...:secret:name), not prose.
      boolean inIdentifier = start > 0 && text.charAt(start - 1) == ':';
      String word = endsSentence || inIdentifier ? null : secretWord(text, start, end);
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
    while (wordStart > start && Character.isLetter(text.charAt(wordStart - 1))) {
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

  /**
   * The token, or a part of it between {@code -}, {@code _} or {@code .}, looks random; a token of lower-case letters
   * and digits only must have such a part (it is otherwise a generated name, such as a pod's).
   */
  static boolean looksSecret(String text, int start, int end, boolean afterPasswordWord) {
    int shortest = afterPasswordWord ? SHORTEST_PASSWORD : SHORTEST;
    if (end - start < shortest) {
      return false;
    }
    char first = text.charAt(start);
    if (first == '/' || first == '~' || first == '.' || text.startsWith("//", start) || isEmail(text, start, end)
        || followsDigestName(text, start)) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean otherSymbol = false;
    boolean structured = true;
    int partStart = start;
    int transitions = 0;
    boolean randomPart = false;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '.';
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      if (isPartSeparator(c)) {
        randomPart |= i - partStart >= shortest && Randomness.looksRandom(text, partStart, i, afterPasswordWord);
        structured &= transitions <= 1;
        partStart = i + 1;
        transitions = 0;
      } else {
        otherSymbol |= !Chars.isAlnum(c);
        if (i > partStart && charClass(c) != charClass(text.charAt(i - 1))) {
          transitions++;
        }
      }
    }
    return randomPart
        || (!structured
            && (upper && lower || otherSymbol)
            && Randomness.looksRandom(text, start, end, afterPasswordWord));
  }

  /** Upper case, lower case, digit or other: a change of class inside a part is what random tokens are full of. */
  private static int charClass(char c) {
    if (c >= 'A' && c <= 'Z') {
      return 0;
    }
    if (c >= 'a' && c <= 'z') {
      return 1;
    }
    return Chars.isDigit(c) ? 2 : 3;
  }

  /** {@code SHA256:} and the like: what follows is a digest or a key's fingerprint, not a secret. */
  private static boolean followsDigestName(String text, int start) {
    if (start < 2 || text.charAt(start - 1) != ':') {
      return false;
    }
    int nameStart = start - 1;
    while (nameStart > 0 && start - nameStart <= 8 && Chars.isAlnum(text.charAt(nameStart - 1))) {
      nameStart--;
    }
    String name = text.substring(nameStart, start - 1).toLowerCase(Locale.ROOT);
    return name.startsWith("sha") || name.equals("md5") || name.startsWith("blake");
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
