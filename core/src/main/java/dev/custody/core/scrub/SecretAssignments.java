package dev.custody.core.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values given to names that say they are secret, whatever the value looks like: {@code
 * password=...}, {@code "api_key": "..."}, {@code client_secret: ...}, {@code DB_PASSWORD=...},
 * {@code apiKey = "..."}, {@code .password("...")}, {@code --token ...}, {@code -storepass ...},
 * {@code IDENTIFIED BY '...'}, also in JSON escaped inside JSON ({@code \"token\":\"...\"}); what
 * follows {@code Authorization:} and {@code Cookie:}; and URL query parameters that carry
 * credentials ({@code ?session=}, {@code &sig=}, {@code &key=}, {@code X-Amz-Signature=}).
 *
 * <p>The name must end with the secret word ({@code password_hint} is no secret) and not follow a
 * colon (the {@code secret} of an ARN names a secret). A name that only ends in {@code _key}
 * ({@code partition_key}, {@code Idempotency-Key}) counts when its value looks random. What refers
 * to a secret without holding it stays: {@code ${DB_PASSWORD}}, {@code {{ vault_token }}}, {@code
 * System.getenv("TOKEN")}, {@code process.env.API_KEY}, {@code <your password>}, {@code null},
 * {@code ********}. One pass over the names of the text; values are skipped once read.
 */
final class SecretAssignments {

  /** How a name's value is read. */
  private enum Reading {
    /** After {@code :} or {@code =}, a call's parenthesis, or a space then a quote. */
    VALUE,
    /** As {@link #VALUE}, but only a value that looks random. */
    RANDOM_VALUE,
    /** Only as a URL query parameter: after {@code ?}, {@code &} or {@code ;}, then {@code =}. */
    QUERY,
    /** The rest of the line, after an authentication scheme if there is one. */
    HEADER,
    /** A command-line {@code user:password}: what follows the colon. */
    USER_PASSWORD
  }

  /**
   * A word a secret's name ends with (lower case, without separators), and the kind of secret it
   * names.
   */
  private record SecretName(String suffix, String kind, Reading reading, int lastThree) {

    /**
     * {@code lastThree}: the suffix's last three letters, packed as {@link
     * SecretAssignments#lastThree} packs a name's, a quick first test.
     */
    SecretName(String suffix, String kind, Reading reading) {
      this(
          suffix,
          kind,
          reading,
          suffix.length() < 3 ? -1 : SecretAssignments.lastThree(suffix, 0, suffix.length()));
    }
  }

  private static final List<SecretName> NAMES =
      List.of(
          value("password", "password"),
          value("passwd", "password"),
          value("passphrase", "password"),
          value("pwd", "password"),
          value("passwort", "password"),
          value("kennwort", "password"),
          value("storepass", "password"),
          value("keypass", "password"),
          value("passin", "password"),
          value("passout", "password"),
          value("requirepass", "password"),
          value("masterauth", "password"),
          value("authtok", "password"),
          value("securestring", "password"),
          value("secretkeybase", "secret"),
          value("keydata", "private-key"),
          value("privatekey", "private-key"),
          value("secret", "secret"),
          value("credential", "secret"),
          value("credentials", "secret"),
          value("token", "token"),
          value("apikey", "api-key"),
          value("accesskey", "api-key"),
          value("secretkey", "api-key"),
          value("accountkey", "api-key"),
          value("signingkey", "api-key"),
          value("masterkey", "api-key"),
          value("encryptionkey", "api-key"),
          value("sharedkey", "api-key"),
          new SecretName("authorization", "credential", Reading.HEADER),
          new SecretName("cookie", "cookie", Reading.HEADER),
          new SecretName("key", "api-key", Reading.RANDOM_VALUE),
          query("key", "api-key"),
          query("session", "session"),
          query("sessionid", "session"),
          query("jsessionid", "session"),
          query("phpsessid", "session"),
          query("sid", "session"),
          query("sig", "signature"),
          query("signature", "signature"),
          query("auth", "token"),
          query("jwt", "token"),
          query("otp", "password"));

  private static final SecretName IDENTIFIED_BY = value("identifiedby", "password");
  private static final SecretName CURL_USER =
      new SecretName("user", "password", Reading.USER_PASSWORD);

  /** The names by the lower-case letter they end with. */
  private static final SecretName[][] NAMES_BY_LAST_LETTER = byLastLetter();

  /** Values that stand for nothing or for a secret kept elsewhere. */
  private static final Set<String> NO_SECRET =
      Set.of("true", "false", "null", "none", "nil", "undefined", "read", "write");

  /**
   * Segments of an upper-case name that make it a secret's wherever they stand ({@code
   * AWS_BEARER_TOKEN_BEDROCK}).
   */
  private static final String[] SECRET_SEGMENTS = {
    "PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS"
  };

  private static final SecretName SECRET_SEGMENT =
      new SecretName("", "secret", Reading.RANDOM_VALUE);

  /**
   * Short flags that take a password in many tools: {@code mysql -p}, {@code docker login -p},
   * {@code redis-cli -a}.
   */
  private static final SecretName PASSWORD_FLAG =
      new SecretName("", "password", Reading.RANDOM_VALUE);

  private static final String[] REFERENCE_PREFIXES = {
    "${",
    "{{",
    "$(",
    "#{",
    "%(",
    "<",
    "!Ref",
    "!Sub",
    "!GetAtt",
    "!ImportValue",
    "arn:",
    "process.env.",
    "os.environ",
    "secrets.",
    "[REDACTED",
    "[MASKED",
    "[FILTERED",
    "[HIDDEN"
  };

  private static final String REFERENCE_FIRST_CHARS = "${#%<!apos[";

  private static final Set<String> TYPE_NAMES =
      Set.of(
          "str",
          "string",
          "bytes",
          "byte",
          "char",
          "int",
          "bool",
          "boolean",
          "any",
          "object",
          "none",
          "token",
          "password",
          "secret",
          "key",
          "credentials",
          "optional",
          "var",
          "let",
          "const");

  /**
   * The longest value read without quotes, and with them: a longer one is not a value (the text
   * after the name is read on), or, quoted, is redacted this far; either way no name takes the rest
   * of a long text with it.
   */
  static final int LONGEST_BARE = 1024;

  static final int LONGEST_QUOTED = 64 * 1024;

  /** An HTTP header line longer than servers accept is read this far. */
  static final int LONGEST_HEADER = 16 * 1024;

  private static final String[] QUESTION_VERBS = {
    "read",
    "get",
    "prompt",
    "ask",
    "load",
    "fetch",
    "find",
    "has",
    "is",
    "check",
    "validate",
    "verify",
    "reset",
    "forgot",
    "require",
    "rotate",
    "revoke",
    "refresh",
    "clear",
    "remove",
    "delete"
  };

  private SecretAssignments() {}

  static void find(String text, Redactions out) {
    int length = text.length();
    // The last run of characters that no bare value ends at, [start, end): values starting in it
    // end at its end.
    int[] bareRun = {-1, -1};
    int i = 0;
    while (i < length) {
      if (!Chars.is(text.charAt(i), Chars.NAME)) {
        i++;
        continue;
      }
      int nameEnd = Chars.runEnd(text, i, Chars.NAME);
      SecretName name = secretName(text, i, nameEnd);
      int valueEnd = name == null ? -1 : value(text, i, nameEnd, name, bareRun, out);
      i = valueEnd > 0 ? valueEnd : nameEnd;
    }
  }

  private static SecretName secretName(String text, int start, int end) {
    boolean by =
        end - start == 2
            && (text.charAt(start) | 0x20) == 'b'
            && (text.charAt(start + 1) | 0x20) == 'y';
    if (end - start < 3 && text.charAt(start) != '-' && !by) {
      return null; // the shortest names are three letters long (pwd, sig), but flags (-p) and
      // IDENTIFIED BY
    }
    char last = text.charAt(end - 1);
    last = last >= 'A' && last <= 'Z' ? (char) (last + ('a' - 'A')) : last;
    if (last < 'a' || last > 'z') {
      return null;
    }
    boolean flag = text.charAt(start) == '-';
    if (flag
        && (end - start == 2 && last == 'u'
            || Chars.hasAt(text, start, "--user") && end - start == 6)) {
      return CURL_USER;
    }
    if (flag
        && end - start == 2
        && (last == 'p' || last == 'a' || last == 'w')
        && text.charAt(start + 1) == last) {
      return PASSWORD_FLAG;
    }
    if (end - start == 2
        && (last == 'y')
        && Chars.hasAt(text, start, "by")
        && followsWord(text, start, "identified")) {
      return IDENTIFIED_BY;
    }
    SecretName[] candidates = NAMES_BY_LAST_LETTER[last - 'a'];
    if (candidates == null) {
      return hasSecretSegment(text, start, end) ? SECRET_SEGMENT : null;
    }
    boolean inQuery = start > 0 && isQuerySeparator(text.charAt(start - 1));
    int lastThree = lastThree(text, start, end);
    for (SecretName name : candidates) {
      if (name.lastThree() != lastThree || name.suffix().length() > end - start) {
        continue;
      }
      int suffixStart = suffixStart(text, start, end, name.suffix());
      if (suffixStart < 0) {
        continue;
      }
      if (last == 'y'
          && (suffixStart(text, start, end, "publickey") >= 0
              || suffixStart(text, start, end, "pubkey") >= 0)) {
        return null; // a public key is no secret
      }
      boolean wholeWord = suffixStart == start || isWordBoundary(text, suffixStart);
      // An if chain, not an enum switch: javac 17 makes a synthetic class for the latter, javac 25
      // does not.
      if (name.reading() == Reading.QUERY) {
        if (inQuery && wholeWord) {
          return name;
        }
      } else if (name.reading() == Reading.RANDOM_VALUE) {
        if (wholeWord && suffixStart > start) {
          return name;
        }
      } else if (suffixStart > start || start == 0 || text.charAt(start - 1) != ':') {
        return name; // not the resource type of an ARN (arn:aws:secretsmanager:...:secret:name)
      }
    }
    return hasSecretSegment(text, start, end) ? SECRET_SEGMENT : null;
  }

  /**
   * The last three characters of {@code [start, end)} in lower case, packed in an int; -1 when
   * shorter.
   */
  private static int lastThree(String text, int start, int end) {
    if (end - start < 3) {
      return -1;
    }
    int packed = 0;
    for (int i = end - 3; i < end; i++) {
      char c = text.charAt(i);
      packed = packed << 16 | (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return packed;
  }

  /** An upper-case name with a secret word among its {@code _} segments. */
  private static boolean hasSecretSegment(String text, int start, int end) {
    if (end - start < 7 || !(text.charAt(start) >= 'A' && text.charAt(start) <= 'Z')) {
      return false; // the shortest is X_TOKEN
    }
    int segmentStart = start;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '_';
      if (c == '_') {
        if (isSecretSegment(text, segmentStart, i)) {
          return true;
        }
        segmentStart = i + 1;
      } else if (!(c >= 'A' && c <= 'Z') && !Chars.isDigit(c)) {
        return false;
      }
    }
    return false;
  }

  private static boolean isSecretSegment(String text, int start, int end) {
    for (String segment : SECRET_SEGMENTS) {
      if (segment.length() == end - start && text.startsWith(segment, start)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the value given to the name and adds it; returns where it ends, or -1 when none is given.
   */
  private static int value(
      String text, int nameStart, int nameEnd, SecretName name, int[] bareRun, Redactions out) {
    int length = text.length();
    if (name.reading() == Reading.QUERY) {
      return nameEnd < length && text.charAt(nameEnd) == '='
          ? bareValue(text, nameEnd + 1, name, false, bareRun, out)
          : -1;
    }
    boolean flag = text.charAt(nameStart) == '-';
    int i = nameEnd;
    // A closing quote of the name, escaped or not: "password": or \"password\":
    int quoted = skipBackslashes(text, i);
    boolean nameClosed = !flag && quoted < length && isQuote(text.charAt(quoted));
    if (nameClosed) {
      i = quoted + 1;
    }
    int blanksEnd = skipBlanks(text, i);
    if (blanksEnd >= length) {
      return -1;
    }
    char separator = text.charAt(blanksEnd);
    if (name.reading() == Reading.USER_PASSWORD) {
      return blanksEnd > i ? userPassword(text, blanksEnd, out) : -1;
    }
    if (separator == ':' || separator == '=') {
      i = blanksEnd + 1;
      if (i < length && (text.charAt(i) == '=' || text.charAt(i) == '>')) {
        i++;
      }
      i = skipBlanks(text, i);
      if (i >= length) {
        return -1;
      }
      if (!nameClosed
          && nameStart > 0
          && isQuote(text.charAt(nameStart - 1))
          && text.charAt(i) == text.charAt(nameStart - 1)) {
        return -1; // "Password: " is a prompt: the quote closes the string the name is in
      }
      if (name.reading() == Reading.HEADER) {
        return headerValue(text, i, name, out);
      }
      return anyValue(text, i, name, bareRun, out);
    }
    if (name.reading() == Reading.HEADER) {
      return -1;
    }
    if (separator == '>'
        && blanksEnd == nameEnd
        && nameStart > 0
        && text.charAt(nameStart - 1) == '<') {
      return elementValue(text, blanksEnd + 1, name, out);
    }
    if (separator == '(') {
      if (isQuestion(text, nameStart, nameEnd)) {
        return -1;
      }
      int argument = skipBlanks(text, blanksEnd + 1);
      return argument < length && isQuote(text.charAt(argument))
          ? anyValue(text, argument, name, bareRun, out)
          : -1;
    }
    boolean nameQuoted = nameStart > 0 && isQuote(text.charAt(nameStart - 1));
    boolean password = name.kind().equals("password");
    if (isQuote(separator) && (flag || blanksEnd > i && !nameQuoted && password)) {
      return anyValue(
          text, blanksEnd, name, bareRun, out); // PASSWORD 'x', IDENTIFIED BY "x", -p'x'
    }
    if (blanksEnd > i && flag) {
      return flagValue(text, blanksEnd, name, out);
    }
    if (blanksEnd > i && startsLine(text, nameStart)) {
      return bareValue(
          text, blanksEnd, name, true, bareRun, out); // a configuration directive: requirepass x
    }
    return -1;
  }

  private static boolean startsLine(String text, int at) {
    int i = at;
    while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
      i--;
    }
    return i == 0 || text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
  }

  /** A quoted value (its quote escaped or not) or a bare one, from {@code start}. */
  private static int anyValue(
      String text, int start, SecretName name, int[] bareRun, Redactions out) {
    int nested = nestedValue(text, start);
    if (nested > start) {
      return anyValue(text, nested, name, bareRun, out);
    }
    int quoteAt = skipBackslashes(text, start);
    if (quoteAt < text.length() && isQuote(text.charAt(quoteAt))) {
      return quotedValue(text, quoteAt + 1, quoteAt - start, text.charAt(quoteAt), name, out);
    }
    return quoteAt == start ? bareValue(text, start, name, false, bareRun, out) : -1;
  }

  /**
   * Where the value of an object given to a secret's name starts, as Spring Boot's actuator shows a
   * property ({@code "spring.datasource.password":{"value":"..."}}); else {@code start}.
   */
  private static int nestedValue(String text, int start) {
    if (text.charAt(start) != '{') {
      return start;
    }
    int key = skipBlanks(text, start + 1);
    if (!text.startsWith("\"value\"", key)) {
      return start;
    }
    int colon = skipBlanks(text, key + 7);
    return colon < text.length() && text.charAt(colon) == ':' ? skipBlanks(text, colon + 1) : start;
  }

  /**
   * A quoted value whose opening quote was escaped {@code escapes} times: it ends at the quote
   * escaped as many times (an unescaped one when 0), or at the end of the line when it is never
   * closed.
   */
  private static int quotedValue(
      String text, int start, int escapes, char quote, SecretName name, Redactions out) {
    int i = start;
    int last = (int) Math.min(text.length(), (long) start + LONGEST_QUOTED);
    while (i < last) {
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
          addValue(text, start, i - backslashes, name, false, out);
          return i + 1;
        }
      }
      i++;
    }
    addValue(text, start, i, name, false, out);
    return i;
  }

  /**
   * A command-line flag's value: up to the next space, punctuation included ({@code -passout
   * pass:Y&#C^e}).
   */
  private static int flagValue(String text, int start, SecretName name, Redactions out) {
    int end = start;
    while (end < text.length() && !Chars.is(text.charAt(end), Chars.SPACE)) {
      if (end - start == LONGEST_BARE) {
        return -1;
      }
      end++;
    }
    addValue(text, start, end, name, true, out);
    return end;
  }

  /**
   * A value up to a space or punctuation that ends values; {@code random}: only when it looks
   * random.
   */
  private static int bareValue(
      String text, int start, SecretName name, boolean random, int[] bareRun, Redactions out) {
    if (start < bareRun[0] || start >= bareRun[1]) {
      int end = start;
      while (end < text.length() && !endsBareValue(text.charAt(end))) {
        end++;
      }
      bareRun[0] = start;
      bareRun[1] = end;
    }
    int end = bareRun[1];
    if (end - start > LONGEST_BARE) {
      return -1; // no unquoted secret runs on this long: this is no value, and the text after it is
      // read on
    }
    if (end == start) {
      return -1;
    }
    if (!random || Randomness.looksRandom(text, start, end, true)) {
      addValue(text, start, end, name, true, out);
    }
    return end;
  }

  /**
   * {@code Authorization:}: the credential after its scheme word, up to the next space or, for
   * schemes with parameters (AWS4-HMAC-SHA256, Digest), through its {@code , name=value} list;
   * {@code Cookie:}: the whole line. A quoted value ends at its quote.
   */
  private static int headerValue(String text, int start, SecretName name, Redactions out) {
    int from = start;
    int lineEnd;
    int last = (int) Math.min(text.length(), (long) start + LONGEST_HEADER);
    if (isQuote(text.charAt(start))) {
      from = start + 1;
      lineEnd = from;
      while (lineEnd < last
          && text.charAt(lineEnd) != text.charAt(start)
          && !isLineEnd(text.charAt(lineEnd))) {
        lineEnd++;
      }
    } else {
      lineEnd = from;
      while (lineEnd < last && !isLineEnd(text.charAt(lineEnd)) && !isQuote(text.charAt(lineEnd))) {
        lineEnd++;
      }
    }
    if (name.kind().equals("cookie")) {
      addValue(text, from, lineEnd, name, false, out);
      return lineEnd;
    }
    int credential = afterScheme(text, from, lineEnd);
    int end = credential;
    while (true) {
      while (end < lineEnd && !Chars.is(text.charAt(end), Chars.SPACE)) {
        end++;
      }
      int next = end;
      while (next < lineEnd && text.charAt(next) == ' ') {
        next++;
      }
      int parameter = next;
      while (parameter < lineEnd && Chars.is(text.charAt(parameter), Chars.ALNUM)) {
        parameter++;
      }
      boolean moreParameters =
          end > credential
              && text.charAt(end - 1) == ','
              && parameter > next
              && parameter < lineEnd
              && text.charAt(parameter) == '=';
      if (!moreParameters) {
        break;
      }
      end = next;
    }
    addValue(text, credential, end, name, false, out);
    return end;
  }

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r';
  }

  /** An XML element's text: {@code <password>...</password>}. */
  private static int elementValue(String text, int start, SecretName name, Redactions out) {
    int end = start;
    while (end < text.length() && text.charAt(end) != '<' && text.charAt(end) != '\n') {
      end++;
    }
    if (!text.startsWith("</", end)) {
      return -1; // <token> in prose is a placeholder, not an element
    }
    addValue(text, start, end, name, false, out);
    return end;
  }

  /** curl's {@code -u user:password}, quoted or not: the password. */
  private static int userPassword(String text, int start, Redactions out) {
    if (isQuote(text.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < text.length()
        && !Chars.is(text.charAt(end), Chars.SPACE)
        && !isQuote(text.charAt(end))) {
      if (end - start == LONGEST_BARE) {
        return -1;
      }
      end++;
    }
    int colon = start;
    while (colon < end && text.charAt(colon) != ':') {
      colon++;
    }
    if (colon >= end - 1) {
      return -1;
    }
    out.add(colon + 1, end, "password");
    return end;
  }

  private static void addValue(
      String text, int start, int end, SecretName name, boolean bare, Redactions out) {
    if (end <= start || refersToSecret(text, start, end, bare)) {
      return;
    }
    if (name.kind().equals("secret") && isResourceName(text, start, end)) {
      return; // --secret=orders-db, existingSecret: orders-postgres: the name of a secret
    }
    boolean password = name.kind().equals("password");
    if (name.reading() == Reading.RANDOM_VALUE
        && !Randomness.looksRandom(text, start, end, password)) {
      return;
    }
    out.add(start, end, name.kind());
  }

  /**
   * A value that holds no secret itself: a placeholder, a reference, code, a mask, a marker, a
   * boolean or null.
   */
  private static boolean refersToSecret(String text, int start, int end, boolean bare) {
    char first = text.charAt(start);
    if (REFERENCE_FIRST_CHARS.indexOf(first) >= 0) {
      for (String prefix : REFERENCE_PREFIXES) {
        if (text.startsWith(prefix, start)) {
          return true;
        }
      }
    }
    if (text.startsWith(Redactions.MARKER_PREFIX, start)
        || text.startsWith(SecretScrubber.UNSCANNED_PREFIX, start)) {
      return true;
    }
    if (end - start <= 9
        && NO_SECRET.contains(text.substring(start, end).toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (bare && isSize(text, start, end)) {
      return true;
    }
    boolean masked = end - start >= 3;
    boolean code = false;
    boolean lettersOnly = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      masked &= c == '*' || c == '•' || c == 'x' || c == 'X';
      code |= bare && (c == '(' || c == '[');
      lettersOnly &= Chars.is(c, Chars.LETTER) || c == '_';
    }
    boolean maskedTail = end - start >= 4 && text.startsWith("****", end - 4);
    return masked
        || maskedTail
        || code
        || (bare && (isTypeName(text, start, end) || isIdentifierChain(text, start, end)))
        || (bare
            && (text.charAt(start) == '{'
                || text.charAt(start) == '['
                || isLocation(text, start, end)));
  }

  /**
   * A type in code ({@code token: str}, {@code val password: CharArray}, {@code secret:
   * SecretStr}): a common type's name, or capitalised words. A password of letters alone ({@code
   * password=hunter}) is no type and stays a secret.
   */
  private static boolean isTypeName(String text, int start, int end) {
    if (end - start > 24) {
      return false;
    }
    String word = text.substring(start, end);
    if (TYPE_NAMES.contains(word)) {
      return true;
    }
    if (!(word.charAt(0) >= 'A' && word.charAt(0) <= 'Z')) {
      return false;
    }
    for (int i = 1; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean upper = c >= 'A' && c <= 'Z';
      boolean lower = c >= 'a' && c <= 'z';
      boolean wordStarts =
          upper
              && (i + 1 == word.length()
                  || !(word.charAt(i + 1) >= 'a' && word.charAt(i + 1) <= 'z'));
      if (!upper && !lower || wordStarts) {
        return false; // CharArray, SecureString: each capital starts a word of lower-case letters
      }
    }
    return true;
  }

  /**
   * A path or a URI (op://vault/item, file:..., /run/secrets/db): where a secret is kept, not the
   * secret.
   */
  private static boolean isLocation(String text, int start, int end) {
    char first = text.charAt(start);
    if (first == '/'
        || first == '~'
        || first == '.' && end - start > 1 && text.charAt(start + 1) == '/') {
      return true;
    }
    for (int i = start; i + 2 < end; i++) {
      if (text.charAt(i) == ':' && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
        return true;
      }
    }
    return false;
  }

  /**
   * A method that reads, checks or asks for a secret ({@code readPassword("Password: ")}, {@code
   * hasToken(...)}): its argument is no secret, unlike a setter's ({@code .password("...")}, {@code
   * setApiKey("...")}).
   */
  private static boolean isQuestion(String text, int nameStart, int nameEnd) {
    int methodStart = nameEnd;
    while (methodStart > nameStart && text.charAt(methodStart - 1) != '.') {
      methodStart--;
    }
    for (String verb : QUESTION_VERBS) {
      if (text.startsWith(verb, methodStart)
          && methodStart + verb.length() < nameEnd
          && Character.isUpperCase(text.charAt(methodStart + verb.length()))) {
        return true;
      }
    }
    return false;
  }

  /** {@code orders-db-credentials}: lower-case words joined by dashes, as resources are named. */
  private static boolean isResourceName(String text, int start, int end) {
    boolean dash = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '-' && i > start && text.charAt(i - 1) != '-') {
        dash = true;
      } else if (!(c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return dash && text.charAt(end - 1) != '-';
  }

  /** {@code password: 16 bytes}: the size of a secret (kubectl describe), not the secret. */
  private static boolean isSize(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Chars.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return text.startsWith(" bytes", end);
  }

  /** {@code self.token}, {@code config.apiKey}: a field or property read in code. */
  private static boolean isIdentifierChain(String text, int start, int end) {
    boolean dot = false;
    boolean segmentStart = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (segmentStart) {
          return false;
        }
        dot = true;
        segmentStart = true;
      } else if (segmentStart ? Chars.is(c, Chars.LETTER) : Chars.is(c, Chars.LETTER) || c == '_') {
        segmentStart = false;
      } else {
        return false;
      }
    }
    return dot && !segmentStart;
  }

  /**
   * Where the credential starts after {@code Bearer }, {@code Basic }, {@code AWS4-HMAC-SHA256 }...
   */
  private static int afterScheme(String text, int start, int end) {
    int wordEnd = start;
    while (wordEnd < end
        && wordEnd - start <= 32
        && (Chars.is(text.charAt(wordEnd), Chars.ALNUM) || text.charAt(wordEnd) == '-')) {
      wordEnd++;
    }
    return wordEnd > start && wordEnd < end && text.charAt(wordEnd) == ' ' ? wordEnd + 1 : start;
  }

  /**
   * Where {@code suffix} starts in the name {@code [start, end)} compared in lower case and without
   * the separators {@code _ . -} (so {@code API_KEY}, {@code api-key} and {@code apiKey} all end
   * with {@code apikey}), or -1.
   */
  private static int suffixStart(String text, int start, int end, String suffix) {
    int i = end - 1;
    int j = suffix.length() - 1;
    while (j >= 0 && i >= start) {
      char c = text.charAt(i);
      c = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      if ((c == '_' || c == '.' || c == '-') && j < suffix.length() - 1) {
        i--;
        continue;
      }
      if (c != suffix.charAt(j)) {
        return -1;
      }
      i--;
      j--;
    }
    return j < 0 ? i + 1 : -1;
  }

  /** A separator or a camel-case hump ({@code sortKey}) before {@code at}. */
  private static boolean isWordBoundary(String text, int at) {
    char before = text.charAt(at - 1);
    return before == '_'
        || before == '.'
        || before == '-'
        || (Character.isUpperCase(text.charAt(at)) && Character.isLowerCase(before));
  }

  private static boolean followsWord(String text, int start, String word) {
    int end = start;
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    return end < start && end >= word.length() && Chars.hasAt(text, end - word.length(), word);
  }

  private static boolean endsBareValue(char c) {
    return Chars.is(c, Chars.SPACE)
        || c == '"'
        || c == '\''
        || c == '&'
        || c == ','
        || c == ';'
        || c == '}'
        || c == ']'
        || c == '\\'
        || c == '<'
        || c == '>'
        || c == '#'
        || c == ')';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
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

  private static SecretName value(String suffix, String kind) {
    return new SecretName(suffix, kind, Reading.VALUE);
  }

  private static SecretName query(String suffix, String kind) {
    return new SecretName(suffix, kind, Reading.QUERY);
  }

  private static SecretName[][] byLastLetter() {
    List<List<SecretName>> lists = new ArrayList<>();
    for (int c = 0; c < 26; c++) {
      lists.add(new ArrayList<>());
    }
    for (SecretName name : NAMES) {
      lists.get(name.suffix().charAt(name.suffix().length() - 1) - 'a').add(name);
    }
    SecretName[][] table = new SecretName[26][];
    for (int c = 0; c < 26; c++) {
      table[c] = lists.get(c).isEmpty() ? null : lists.get(c).toArray(new SecretName[0]);
    }
    return table;
  }
}
