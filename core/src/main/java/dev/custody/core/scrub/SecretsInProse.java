package dev.custody.core.scrub;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A random-looking token shortly after a secret word, in natural language or code, in a few
 * languages: "my key is zq_9f8S7d...", "token: ...", "the password for the site is Hx!9#kq2$Lp",
 * "API key ...", "Mein Passwort ist ...". Random-looking ({@link Randomness}): the token, or a part
 * of it between {@code -}, {@code _} or {@code .}, of 12 or more characters (8 after a password
 * word). Trace ids, UUIDs, digests, ARNs, order numbers, paths, e-mail addresses, identifiers and
 * constants ({@code process.env.OPENAI_API_KEY}) stay. One pass over the tokens of the text.
 */
final class SecretsInProse {

  private static final List<String> SECRET_WORDS =
      List.of(
          "key",
          "keys",
          "apikey",
          "token",
          "tokens",
          "secret",
          "secrets",
          "credential",
          "credentials",
          "creds",
          "auth",
          "chiave",
          "clave",
          "chave",
          "clé",
          "cle",
          "schlüssel",
          "sleutel",
          "ключ",
          "токен");

  private static final List<String> PASSWORD_WORDS =
      List.of(
          "password",
          "passwords",
          "passwd",
          "passphrase",
          "pwd",
          "pw",
          "passwort",
          "kennwort",
          "passe",
          "contraseña",
          "senha",
          "wachtwoord",
          "пароль");

  /**
   * The words above by their length, each with its kind: compared in place, without copying the
   * token.
   */
  private static final String[][] WORDS_BY_LENGTH = byLength(SECRET_WORDS, PASSWORD_WORDS);

  private static final boolean[] SEPARATORS = separators();

  /** Secret words of languages written without spaces, found inside a token: パスワードは, 密码:, 비밀번호. */
  private static final List<String> SECRET_WORDS_INSIDE =
      List.of("キー", "密钥", "秘钥", "令牌", "토큰", "키");

  private static final List<String> PASSWORD_WORDS_INSIDE =
      List.of("パスワード", "暗証番号", "密码", "密碼", "口令", "비밀번호", "암호", "парол");

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
      // After a colon, the word is a resource type (arn:aws:secretsmanager:...:secret:name), not
      // prose.
      boolean inIdentifier = start > 0 && text.charAt(start - 1) == ':';
      String word = endsSentence || inIdentifier ? null : secretWord(text, start, end);
      if (word != null) {
        armedUntil = i + REACH;
        // A quoted key ("Key": ...) names one value: only that one can be its secret.
        tokensLeft = isQuotedKey(text, start, i) ? 1 : TOKENS_REACHED;
        afterPasswordWord = word.equals("password");
      } else if (endsSentence) {
        armedUntil = -1;
      }
    }
  }

  /**
   * The kind of secret word the token is or ends with ({@code apiKey}, {@code DB_PASSWORD}, {@code
   * access-token}), or holds (in a language written without spaces): {@code password}, {@code
   * secret}, or null.
   */
  private static String secretWord(String text, int start, int end) {
    if (end - start > 32) {
      return null;
    }
    int wordStart = end;
    while (wordStart > start && isLetter(text.charAt(wordStart - 1))) {
      wordStart--;
      boolean camelHump =
          isUpperCase(text.charAt(wordStart))
              && wordStart > start
              && isLowerCase(text.charAt(wordStart - 1));
      if (camelHump) {
        break;
      }
    }
    if (wordStart == end || (wordStart > start && Chars.isDigit(text.charAt(wordStart - 1)))) {
      return null;
    }
    int length = end - wordStart;
    String[] candidates = length < WORDS_BY_LENGTH.length ? WORDS_BY_LENGTH[length] : null;
    if (candidates != null) {
      char first = text.charAt(wordStart);
      first =
          first < 128
              ? (first >= 'A' && first <= 'Z' ? (char) (first + ('a' - 'A')) : first)
              : Character.toLowerCase(first);
      for (int i = 0; i < candidates.length; i += 2) {
        if (candidates[i].charAt(0) == first
            && text.regionMatches(true, wordStart, candidates[i], 0, length)) {
          boolean publicKey = candidates[i].startsWith("key") && isPublic(text, start, wordStart);
          return publicKey ? null : candidates[i + 1];
        }
      }
    }
    return text.charAt(start) < 0x80
        ? null
        : wordInside(text.substring(start, end).toLowerCase(Locale.ROOT));
  }

  /** {@code PublicKey}, {@code public_key}, {@code pubkey}: what precedes the word {@code key}. */
  private static boolean isPublic(String text, int start, int keyStart) {
    String before = text.substring(start, keyStart).toLowerCase(Locale.ROOT);
    return before.endsWith("public")
        || before.endsWith("public_")
        || before.endsWith("public-")
        || before.endsWith("pub");
  }

  // ASCII first: most text is, and Character's lookups cost more than the rest of the scan.
  private static boolean isLetter(char c) {
    return c < 128 ? Chars.is(c, Chars.LETTER) : Character.isLetter(c);
  }

  private static boolean isUpperCase(char c) {
    return c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
  }

  private static boolean isLowerCase(char c) {
    return c < 128 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
  }

  private static String wordInside(String token) {
    for (String word : PASSWORD_WORDS_INSIDE) {
      if (token.contains(word)) {
        return "password";
      }
    }
    for (String word : SECRET_WORDS_INSIDE) {
      if (token.contains(word)) {
        return "secret";
      }
    }
    return null;
  }

  /**
   * The token, or a part of it between {@code -}, {@code _} or {@code .}, looks random; a token of
   * lower-case letters and digits only must have such a part (it is otherwise a generated name,
   * such as a pod's).
   */
  static boolean looksSecret(String text, int start, int end, boolean afterPasswordWord) {
    int shortest = afterPasswordWord ? SHORTEST_PASSWORD : SHORTEST;
    if (end - start < shortest) {
      return false;
    }
    if (isPlainWord(text, start, end)) {
      return false;
    }
    char first = text.charAt(start);
    if (first == '/'
        || first == '~'
        || first == '.'
        || text.startsWith("//", start)
        || isEmail(text, start, end)
        || followsDigestName(text, start)
        || isHex(text, start, end)
        || isPath(text, start, end)) {
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
        randomPart |=
            i - partStart >= shortest
                && Randomness.looksRandom(text, partStart, i, afterPasswordWord);
        structured &= transitions <= 1 || isCamelCase(text, partStart, i);
        partStart = i + 1;
        transitions = 0;
      } else {
        otherSymbol |= !Chars.is(c, Chars.ALNUM);
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

  /**
   * An identifier of words: {@code hmacShaKeyFor}, {@code SecretKeySpec}, each word a capital and
   * lower case.
   */
  private static boolean isCamelCase(String text, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      if (!lower && !upper) {
        return false;
      }
      boolean wordEnds = i + 1 == end || !(text.charAt(i + 1) >= 'a' && text.charAt(i + 1) <= 'z');
      if (upper && i > start && wordEnds) {
        return false; // a capital alone, as in random text (zT5fSDIV)
      }
    }
    return true;
  }

  /**
   * Upper case, lower case, digit or other: a change of class inside a part is what random tokens
   * are full of.
   */
  private static int charClass(char c) {
    if (c >= 'A' && c <= 'Z') {
      return 0;
    }
    if (c >= 'a' && c <= 'z') {
      return 1;
    }
    return Chars.isDigit(c) ? 2 : 3;
  }

  private static boolean isQuotedKey(String text, int start, int end) {
    return start > 0
        && end + 1 < text.length()
        && (text.charAt(start - 1) == '"' || text.charAt(start - 1) == '\'')
        && text.charAt(end) == text.charAt(start - 1)
        && text.charAt(end + 1) == ':';
  }

  /**
   * Letters only, and not both cases over 20 of them: a word, the common case, told apart at once.
   */
  private static boolean isPlainWord(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else {
        return false;
      }
    }
    return !(upper && lower && end - start >= 20);
  }

  /**
   * {@code SHA256:} and the like: what follows is a digest or a key's fingerprint, not a secret.
   */
  private static boolean followsDigestName(String text, int start) {
    if (start < 2 || text.charAt(start - 1) != ':') {
      return false;
    }
    int nameStart = start - 1;
    while (nameStart > 0
        && start - nameStart <= 8
        && Chars.is(text.charAt(nameStart - 1), Chars.ALNUM)) {
      nameStart--;
    }
    String name = text.substring(nameStart, start - 1).toLowerCase(Locale.ROOT);
    return name.startsWith("sha") || name.equals("md5") || name.startsWith("blake");
  }

  /**
   * {@code name@host.tld}: letters, digits and {@code ._%+-} before the {@code @}, a domain of
   * letters after.
   */
  private static boolean isEmail(String text, int start, int end) {
    int at = -1;
    int lastDot = -1;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '@' && at < 0) {
        at = i;
      } else if (c == '.' && at >= 0) {
        lastDot = i;
      } else if (!Chars.is(c, Chars.ALNUM) && (at >= 0 ? c != '-' : "._%+-".indexOf(c) < 0)) {
        return false;
      }
    }
    if (at <= start || lastDot < at + 2 || end - lastDot < 3) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    for (int i = lastDot + 1; i < end; i++) {
      char c = text.charAt(i);
      if (!Chars.is(c, Chars.LETTER)) {
        return false;
      }
      upper |= c <= 'Z';
      lower |= c >= 'a';
    }
    return !(upper && lower); // .com or .COM, not .HbyYt
  }

  /**
   * Hex alone is an id or a digest (trace ids, commits, checksums), whatever the words around it.
   */
  private static boolean isHex(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Chars.is(text.charAt(i), Chars.HEX)) {
        return false;
      }
    }
    return true;
  }

  /** A UUID or hex id, with an extension or not: {@code 3f2a...-....jsonl}. */
  private static boolean isIdOrFileName(String text, int start, int end) {
    int dot = end;
    while (dot > start && text.charAt(dot - 1) != '.') {
      dot--;
    }
    int idEnd = dot > start ? dot - 1 : end;
    for (int i = start; i < idEnd; i++) {
      char c = text.charAt(i);
      if (!Chars.is(c, Chars.HEX) && c != '-') {
        return false;
      }
    }
    return idEnd > start;
  }

  /**
   * {@code photos/2024/img_3471.jpg}: parts between slashes that are each a word, a number or an
   * id, not random.
   */
  private static boolean isPath(String text, int start, int end) {
    int slashes = 0;
    int segmentStart = start;
    int transitions = 0;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '/';
      if (c == '/') {
        if (transitions > 1 && !isIdOrFileName(text, segmentStart, i)) {
          return false;
        }
        slashes++;
        segmentStart = i + 1;
        transitions = 0;
      } else if (i > segmentStart
          && !isPartSeparator(c)
          && !isPartSeparator(text.charAt(i - 1))
          && charClass(c) != charClass(text.charAt(i - 1))) {
        transitions++;
      }
    }
    return slashes > 1;
  }

  /**
   * Between tokens: spaces, quotes, brackets and the punctuation that separates a name from its
   * value.
   */
  private static boolean isSeparator(char c) {
    return c < 128 ? SEPARATORS[c] : c == '：' || c == '，' || c == '。' || c == '、';
  }

  private static boolean[] separators() {
    boolean[] separators = new boolean[128];
    for (char c : " \t\n\r\f\u000b\"'`,;:=()[]{}<>|\\".toCharArray()) {
      separators[c] = true;
    }
    return separators;
  }

  /** Pairs of (word, kind) by the word's length. */
  private static String[][] byLength(List<String> secretWords, List<String> passwordWords) {
    String[][] byLength = new String[16][];
    for (List<String> words : List.of(secretWords, passwordWords)) {
      String kind = words == passwordWords ? "password" : "secret";
      for (String word : words) {
        String[] pairs = byLength[word.length()];
        String[] more = pairs == null ? new String[2] : Arrays.copyOf(pairs, pairs.length + 2);
        more[more.length - 2] = word;
        more[more.length - 1] = kind;
        byLength[word.length()] = more;
      }
    }
    return byLength;
  }

  private static boolean isPartSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  private static boolean isSentencePunctuation(char c) {
    return c == '.' || c == '!' || c == '?';
  }
}
