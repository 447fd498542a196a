package dev.custody.core.scrub;

import java.util.ArrayList;
import java.util.List;

/**
 * Values assigned to names that say they are secret, whatever the value looks like: {@code password=...},
 * {@code "api_key": "..."}, {@code client_secret: ...}, {@code DB_PASSWORD=...}, {@code apiKey = "..."}, also in JSON
 * escaped inside JSON ({@code \"token\":\"...\"}); and the values of URL query parameters that carry credentials
 * ({@code ?session=}, {@code &sig=}, {@code &key=}, {@code X-Amz-Signature=}). The name must end with the secret word
 * ({@code password_hint} is no secret) and not follow a colon (the {@code secret} of an ARN names a secret). One pass
 * over the names of the text; values are skipped once read.
 */
final class SecretAssignments {

  /** A word a secret's name ends with, and the kind of secret it names. */
  private static final class SecretName {
    final String suffix;
    final String kind;
    final boolean inQueryOnly;

    SecretName(String suffix, String kind, boolean inQueryOnly) {
      this.suffix = suffix;
      this.kind = kind;
      this.inQueryOnly = inQueryOnly;
    }
  }

  private static final List<SecretName> NAMES =
      List.of(
          name("password", "password"),
          name("passwd", "password"),
          name("passphrase", "password"),
          name("pwd", "password"),
          name("private_key", "private-key"),
          name("private-key", "private-key"),
          name("privatekey", "private-key"),
          name("secret", "secret"),
          name("credential", "secret"),
          name("credentials", "secret"),
          name("token", "token"),
          name("apikey", "api-key"),
          name("accesskey", "api-key"),
          name("accountkey", "api-key"),
          name("secretkey", "api-key"),
          name("signingkey", "api-key"),
          name("masterkey", "api-key"),
          name("encryptionkey", "api-key"),
          name("_key", "api-key"),
          name(".key", "api-key"),
          name("-key", "api-key"),
          queryName("key", "api-key"),
          queryName("session", "session"),
          queryName("sessionid", "session"),
          queryName("sid", "session"),
          queryName("sig", "signature"),
          queryName("signature", "signature"),
          queryName("auth", "token"),
          queryName("jwt", "token"),
          queryName("otp", "password"));

  /** The names by the lower-case letter they end with. */
  private static final SecretName[][] NAMES_BY_LAST_LETTER = byLastLetter();

  private static final Chars.CharClass NAME = c -> Chars.isWord(c) || c == '.' || c == '-';

  private SecretAssignments() {}

  static void find(String text, Redactions out) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!NAME.has(text.charAt(i))) {
        i++;
        continue;
      }
      int nameEnd = Chars.runEnd(text, i, NAME);
      SecretName name = secretName(text, i, nameEnd);
      int valueEnd = name == null ? -1 : assignedValue(text, i, nameEnd, name, out);
      i = valueEnd > 0 ? valueEnd : nameEnd;
    }
  }

  private static SecretName secretName(String text, int start, int end) {
    char last = Character.toLowerCase(text.charAt(end - 1));
    if (last < 'a' || last > 'z') {
      return null;
    }
    SecretName[] candidates = NAMES_BY_LAST_LETTER[last - 'a'];
    if (candidates == null) {
      return null;
    }
    boolean inQuery = start > 0 && isQuerySeparator(text.charAt(start - 1));
    for (SecretName name : candidates) {
      int suffixStart = end - name.suffix.length();
      if (suffixStart < start || !Chars.hasAt(text, suffixStart, name.suffix)) {
        continue;
      }
      boolean wholeWord = suffixStart == start || "_.-".indexOf(text.charAt(suffixStart - 1)) >= 0;
      if (name.inQueryOnly) {
        if (inQuery && wholeWord) {
          return name;
        }
        continue;
      }
      boolean namesArnResource = suffixStart == start && start > 0 && text.charAt(start - 1) == ':';
      if (!namesArnResource) {
        return name;
      }
    }
    return null;
  }

  /** Finds the value assigned after the name and adds it; returns where it ends, or -1 when none is assigned. */
  private static int assignedValue(String text, int nameStart, int nameEnd, SecretName name, Redactions out) {
    int length = text.length();
    int i = nameEnd;
    if (name.inQueryOnly) {
      if (i >= length || text.charAt(i) != '=') {
        return -1;
      }
      return bareValue(text, i + 1, name.kind, out);
    }
    // A closing quote of the name, escaped or not: "password": or \"password\":
    int quoted = skipBackslashes(text, i);
    if (quoted < length && (text.charAt(quoted) == '"' || text.charAt(quoted) == '\'')) {
      i = quoted + 1;
    }
    i = skipBlanks(text, i);
    if (i >= length || (text.charAt(i) != ':' && text.charAt(i) != '=')) {
      return -1;
    }
    i++;
    if (i < length && (text.charAt(i) == '=' || text.charAt(i) == '>')) {
      i++;
    }
    i = skipBlanks(text, i);
    if (i >= length) {
      return -1;
    }
    int quoteAt = skipBackslashes(text, i);
    if (quoteAt < length && (text.charAt(quoteAt) == '"' || text.charAt(quoteAt) == '\'')) {
      return quotedValue(text, quoteAt + 1, quoteAt - i, text.charAt(quoteAt), name.kind, out);
    }
    return quoteAt == i ? bareValue(text, i, name.kind, out) : -1;
  }

  /**
   * A quoted value whose opening quote was escaped {@code escapes} times: it ends at the quote escaped as many times
   * (an unescaped one when 0), or at the end of the line when it is never closed.
   */
  private static int quotedValue(String text, int start, int escapes, char quote, String kind, Redactions out) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      if (c == quote) {
        int backslashes = 0;
        while (i - backslashes - 1 >= start && text.charAt(i - backslashes - 1) == '\\') {
          backslashes++;
        }
        boolean closes = escapes == 0 ? backslashes % 2 == 0 : backslashes == escapes;
        if (closes) {
          out.add(start, i - backslashes, kind);
          return i + 1;
        }
      }
      i++;
    }
    out.add(start, i, kind);
    return i;
  }

  private static int bareValue(String text, int start, String kind, Redactions out) {
    if (text.startsWith(Redactions.MARKER_PREFIX, start) || text.startsWith(SecretScrubber.UNSCANNED_PREFIX, start)) {
      return -1;
    }
    int end = start;
    while (end < text.length() && !endsBareValue(text.charAt(end))) {
      end++;
    }
    if (end == start) {
      return -1;
    }
    out.add(start, end, kind);
    return end;
  }

  private static boolean endsBareValue(char c) {
    return Chars.isSpace(c) || c == '"' || c == '\'' || c == '&' || c == ',' || c == ';' || c == '}' || c == ']'
        || c == '\\' || c == '<' || c == '>' || c == '#';
  }

  private static boolean isQuerySeparator(char c) {
    return c == '?' || c == '&' || c == ';';
  }

  private static int skipBackslashes(String text, int i) {
    while (i < text.length() && text.charAt(i) == '\\') {
      i++;
    }
    return i;
  }

  private static int skipBlanks(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static SecretName name(String suffix, String kind) {
    return new SecretName(suffix, kind, false);
  }

  private static SecretName queryName(String suffix, String kind) {
    return new SecretName(suffix, kind, true);
  }

  private static SecretName[][] byLastLetter() {
    List<List<SecretName>> lists = new ArrayList<>();
    for (int c = 0; c < 26; c++) {
      lists.add(new ArrayList<>());
    }
    for (SecretName name : NAMES) {
      lists.get(name.suffix.charAt(name.suffix.length() - 1) - 'a').add(name);
    }
    SecretName[][] table = new SecretName[26][];
    for (int c = 0; c < 26; c++) {
      table[c] = lists.get(c).isEmpty() ? null : lists.get(c).toArray(new SecretName[0]);
    }
    return table;
  }
}
