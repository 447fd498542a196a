package dev.custody.core.scrub;

import java.util.ArrayList;
import java.util.List;

/**
 * Secrets recognised by their own shape, at the start of a word: vendor API keys by their prefix
 * ({@code sk-}, {@code ghp_}, {@code xoxb-}, {@code AIza}, {@code hvs.}, {@code glpat-}, {@code
 * sk_live_}...) and keys shaped like {@code <vendor>_live_...}, Telegram and Discord bot tokens,
 * AWS access key ids, JWTs, and the credential after a {@code Bearer} or {@code Basic} scheme. Only
 * runs of token characters 8 or more long are read word by word ({@link Chars#longRuns}); a match
 * is skipped whole.
 */
final class ShapedSecrets {

  /** A vendor's key: a prefix, then at least {@code minBody} characters of {@code body}. */
  private record KeyShape(String prefix, int body, int minBody) {}

  private static final int ALNUM = Chars.ALNUM;
  private static final int WORD = Chars.WORD;
  private static final int BASE64URL = Chars.BASE64URL;
  private static final int HEX = Chars.HEX;
  private static final int ALNUM_DASH = Chars.ALNUM | Chars.DASH;
  private static final int BASE64URL_DOT = Chars.BASE64URL | Chars.DOT;
  private static final int UPPER_DIGIT = Chars.UPPER | Chars.DIGIT;

  private static final List<KeyShape> KEY_SHAPES =
      List.of(
          // Longer prefixes first: the first shape that matches names the key.
          new KeyShape("sk-ant-", BASE64URL, 20),
          new KeyShape("sk-proj-", BASE64URL, 20),
          new KeyShape("sk-", BASE64URL, 20),
          new KeyShape("sk_live_", ALNUM, 16),
          new KeyShape("sk_test_", ALNUM, 16),
          new KeyShape("rk_live_", ALNUM, 16),
          new KeyShape("rk_test_", ALNUM, 16),
          new KeyShape("sk_", ALNUM, 16),
          new KeyShape("rk_", ALNUM, 16),
          new KeyShape("whsec_", ALNUM, 20),
          new KeyShape("ghp_", ALNUM, 30),
          new KeyShape("gho_", ALNUM, 30),
          new KeyShape("ghu_", ALNUM, 30),
          new KeyShape("ghs_", ALNUM, 30),
          new KeyShape("ghr_", ALNUM, 30),
          new KeyShape("github_pat_", WORD, 30),
          new KeyShape("glpat-", BASE64URL, 20),
          new KeyShape("glptt-", BASE64URL, 20),
          new KeyShape("gldt-", BASE64URL, 20),
          new KeyShape("glrt-", BASE64URL, 20),
          new KeyShape("glsa_", WORD, 30),
          new KeyShape("xoxa-", ALNUM_DASH, 10),
          new KeyShape("xoxb-", ALNUM_DASH, 10),
          new KeyShape("xoxp-", ALNUM_DASH, 10),
          new KeyShape("xoxo-", ALNUM_DASH, 10),
          new KeyShape("xoxr-", ALNUM_DASH, 10),
          new KeyShape("xoxs-", ALNUM_DASH, 10),
          new KeyShape("xapp-", ALNUM_DASH, 10),
          new KeyShape("AIza", BASE64URL, 35),
          new KeyShape("ya29.", BASE64URL_DOT, 20),
          new KeyShape("hvs.", BASE64URL, 20),
          new KeyShape("hvb.", BASE64URL, 20),
          new KeyShape("hvr.", BASE64URL, 20),
          new KeyShape("SG.", BASE64URL_DOT, 40),
          new KeyShape("npm_", ALNUM, 30),
          new KeyShape("pypi-", BASE64URL, 50),
          new KeyShape("dop_v1_", HEX, 64),
          new KeyShape("doo_v1_", HEX, 64),
          new KeyShape("dor_v1_", HEX, 64),
          new KeyShape("shpat_", HEX, 32),
          new KeyShape("shpss_", HEX, 32),
          new KeyShape("shpca_", HEX, 32),
          new KeyShape("shppa_", HEX, 32),
          new KeyShape("hf_", ALNUM, 30),
          new KeyShape("gsk_", ALNUM, 40),
          new KeyShape("r8_", ALNUM, 30),
          new KeyShape("pplx-", ALNUM, 40),
          new KeyShape("xai-", ALNUM, 40),
          new KeyShape("lin_api_", ALNUM, 30),
          new KeyShape("ntn_", ALNUM, 30),
          new KeyShape("dapi", HEX, 32),
          new KeyShape("ATATT", BASE64URL | Chars.EQUALS, 40),
          new KeyShape("ABSK", Chars.BASE64 | Chars.EQUALS, 40),
          new KeyShape("key-", HEX, 32),
          new KeyShape("sq0atp-", BASE64URL, 22),
          new KeyShape("sq0csp-", BASE64URL, 22),
          new KeyShape("dckr_pat_", BASE64URL, 20),
          new KeyShape("tskey-", BASE64URL, 20),
          new KeyShape("PMAK-", BASE64URL, 40),
          new KeyShape("AGE-SECRET-KEY-1", UPPER_DIGIT, 50),
          new KeyShape("SK", HEX, 32));

  /** The key shapes by the first character of their prefix. */
  private static final KeyShape[][] SHAPES_BY_FIRST_CHAR = byFirstChar(KEY_SHAPES);

  /** The shortest key or token a shape matches: a JWT's {@code eyJxxxx.xxxx.}. */
  private static final int SHORTEST_SHAPE = 13;

  /**
   * The shortest run of token characters read: a Telegram bot's id, before its colon, has 8 digits.
   */
  private static final int SHORTEST_RUN = 8;

  private static final String[] AWS_KEY_ID_PREFIXES = {
    "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA"
  };

  private static final String[] LIVE_KEY_INFIXES = {"_live_", "_test_", "_prod_"};

  private ShapedSecrets() {}

  static void find(String text, Redactions out) {
    schemeCredentials(text, 'b', out);
    schemeCredentials(text, 'B', out);
    Chars.longRuns(
        text, Chars.TOKEN68, SHORTEST_RUN, (start, end) -> shapesIn(text, start, end, out));
  }

  /** The credential after each {@code Bearer} or {@code Basic} word starting with {@code first}. */
  private static void schemeCredentials(String text, char first, Redactions out) {
    for (int at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      if (at == 0 || !Chars.is(text.charAt(at - 1), Chars.WORD)) {
        int end = schemeCredential(text, at, out);
        at = Math.max(at, end - 1);
      }
    }
  }

  /** Each shape starting at a word of the run {@code [runStart, runEnd)} of token characters. */
  private static void shapesIn(String text, int runStart, int runEnd, Redactions out) {
    // The end of the base64url run the current word starts in: several words share one run
    // (eyJ-eyJ-...).
    int base64UrlRunEnd = -1;
    int jwtRunChecked = -1;
    int i = runStart;
    while (i < runEnd) {
      char c = text.charAt(i);
      if (!Chars.is(c, Chars.WORD) || (i > runStart && Chars.is(text.charAt(i - 1), Chars.WORD))) {
        i++;
        continue;
      }
      int end =
          Chars.isDigit(c) || c == 'b' && text.startsWith("bot", i)
              ? telegramBotToken(
                  text, Chars.isDigit(c) ? i : i + 3, out) // in the Bot API's URLs: /bot<token>/...
              : -1;
      if (end < 0 && runEnd - i >= SHORTEST_SHAPE) {
        if (i >= base64UrlRunEnd) {
          base64UrlRunEnd = Chars.runEnd(text, i, BASE64URL);
        }
        if (c == 'e' && i >= jwtRunChecked && text.startsWith("eyJ", i)) {
          jwtRunChecked = base64UrlRunEnd;
          end = jwtEnd(text, i, base64UrlRunEnd);
          if (end > 0) {
            out.add(i, end, "jwt");
          }
        }
        if (end < 0 && c == 'A') {
          end = awsKeyIdEnd(text, i);
          if (end > 0) {
            out.add(i, end, "aws-access-key-id");
          }
        }
        if (end < 0 && (c == 'M' || c == 'N' || c == 'O')) {
          end = discordBotTokenEnd(text, i, base64UrlRunEnd);
          if (end > 0) {
            out.add(i, end, "api-key");
          }
        }
        if (end < 0 && c < SHAPES_BY_FIRST_CHAR.length) {
          end = vendorKeyEnd(text, i, SHAPES_BY_FIRST_CHAR[c]);
          if (end < 0 && c >= 'a' && c <= 'z') {
            end = liveKeyEnd(text, i);
          }
          if (end > 0) {
            out.add(i, end, "api-key");
          }
        }
      }
      i = end > 0 ? end : Chars.runEnd(text, i, WORD);
    }
  }

  /**
   * A JWT from {@code start}: {@code eyJ} and four more characters, a dot, four or more, a dot, a
   * signature.
   */
  private static int jwtEnd(String text, int start, int headerEnd) {
    if (headerEnd - start < 7 || headerEnd >= text.length() || text.charAt(headerEnd) != '.') {
      return -1;
    }
    int payloadEnd = Chars.runEnd(text, headerEnd + 1, BASE64URL);
    if (payloadEnd - headerEnd - 1 < 4
        || payloadEnd >= text.length()
        || text.charAt(payloadEnd) != '.') {
      return -1;
    }
    return Chars.runEnd(text, payloadEnd + 1, BASE64URL);
  }

  /**
   * A Telegram bot token: the bot's 8-10 digit id, a colon, {@code AA} and 33 base64url characters.
   */
  private static int telegramBotToken(String text, int start, Redactions out) {
    int idEnd = Chars.runEnd(text, start, Chars.DIGIT);
    if (idEnd - start < 8 || idEnd - start > 10 || !text.startsWith(":AA", idEnd)) {
      return -1;
    }
    int end = Chars.runEnd(text, idEnd + 3, BASE64URL);
    if (end - idEnd - 3 < 30) {
      return -1;
    }
    out.add(start, end, "api-key");
    return end;
  }

  /**
   * A Discord bot token: the base64 of the bot's id, a dot, a 6-character timestamp, a dot, an HMAC
   * of 27+.
   */
  private static int discordBotTokenEnd(String text, int start, int idEnd) {
    if (idEnd - start < 23
        || idEnd - start > 28
        || idEnd >= text.length()
        || text.charAt(idEnd) != '.') {
      return -1;
    }
    int timestampEnd = Chars.runEnd(text, idEnd + 1, BASE64URL);
    if (timestampEnd - idEnd - 1 != 6
        || timestampEnd >= text.length()
        || text.charAt(timestampEnd) != '.') {
      return -1;
    }
    int end = Chars.runEnd(text, timestampEnd + 1, BASE64URL);
    return end - timestampEnd - 1 >= 27 ? end : -1;
  }

  private static int awsKeyIdEnd(String text, int start) {
    int end = Chars.runEnd(text, start, WORD);
    if (end - start != 20) {
      return -1;
    }
    for (String prefix : AWS_KEY_ID_PREFIXES) {
      if (text.startsWith(prefix, start)) {
        return Chars.runEnd(text, start + 4, UPPER_DIGIT) == end ? end : -1;
      }
    }
    return -1;
  }

  private static int vendorKeyEnd(String text, int start, KeyShape[] shapes) {
    if (shapes == null) {
      return -1;
    }
    for (KeyShape shape : shapes) {
      if (text.startsWith(shape.prefix(), start)) {
        int bodyStart = start + shape.prefix().length();
        int end = Chars.runEnd(text, bodyStart, shape.body());
        if (end - bodyStart >= shape.minBody()) {
          return end;
        }
      }
    }
    return -1;
  }

  /**
   * {@code <vendor>_live_<key>}, {@code _test_} or {@code _prod_}: a lower-case vendor word, then
   * 10+ letters and digits.
   */
  private static int liveKeyEnd(String text, int start) {
    int vendorEnd = Chars.runEnd(text, start, Chars.LOWER);
    int vendorLength = vendorEnd - start;
    if (vendorLength < 2 || vendorLength > 10) {
      return -1;
    }
    for (String infix : LIVE_KEY_INFIXES) {
      if (text.startsWith(infix, vendorEnd)) {
        int bodyStart = vendorEnd + infix.length();
        int end = Chars.runEnd(text, bodyStart, ALNUM);
        return end - bodyStart >= 10 ? end : -1;
      }
    }
    return -1;
  }

  /**
   * The credential after a {@code Bearer} or {@code Basic} scheme word at {@code start}; returns
   * where it ends, or -1. A plain word after the scheme is prose ("bearer tokens", "a basic
   * summary"), not a credential.
   */
  private static int schemeCredential(String text, int start, Redactions out) {
    boolean bearer = Chars.hasAt(text, start, "bearer");
    boolean basic = !bearer && Chars.hasAt(text, start, "basic");
    int wordEnd = start + (bearer ? 6 : 5);
    if (!bearer && !basic
        || wordEnd >= text.length()
        || Chars.is(text.charAt(wordEnd), Chars.WORD)) {
      return -1;
    }
    int credentialStart = wordEnd;
    while (credentialStart < text.length() && Chars.is(text.charAt(credentialStart), Chars.SPACE)) {
      credentialStart++;
    }
    if (credentialStart == wordEnd) {
      return -1;
    }
    if (bearer) {
      int end = Chars.runEnd(text, credentialStart, Chars.TOKEN68);
      if (end - credentialStart < 6 || isLowerCaseWord(text, credentialStart, end)) {
        return -1;
      }
      boolean jwt =
          jwtEnd(text, credentialStart, Chars.runEnd(text, credentialStart, BASE64URL)) == end
              && text.startsWith("eyJ", credentialStart);
      out.add(credentialStart, end, jwt ? "jwt" : "bearer-token");
      return end;
    }
    int end = Chars.runEnd(text, credentialStart, Chars.BASE64);
    if (end - credentialStart < 6 || isCapitalisedWord(text, credentialStart, end)) {
      return -1;
    }
    while (end < text.length() && end - credentialStart < 1024 && text.charAt(end) == '=') {
      end++;
    }
    out.add(credentialStart, end, "basic-auth");
    return end;
  }

  /** A short lower-case word such as "tokens". */
  private static boolean isLowerCaseWord(String text, int start, int end) {
    if (end - start > 15) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  /** A word such as "summary" or "Itinerary": a letter, then lower-case letters only. */
  private static boolean isCapitalisedWord(String text, int start, int end) {
    if (!Chars.is(text.charAt(start), Chars.LETTER)) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private static KeyShape[][] byFirstChar(List<KeyShape> shapes) {
    List<List<KeyShape>> lists = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      lists.add(new ArrayList<>());
    }
    for (KeyShape shape : shapes) {
      lists.get(shape.prefix().charAt(0)).add(shape);
    }
    KeyShape[][] table = new KeyShape[128][];
    for (int c = 0; c < 128; c++) {
      table[c] = lists.get(c).isEmpty() ? null : lists.get(c).toArray(new KeyShape[0]);
    }
    return table;
  }
}
