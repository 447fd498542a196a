package dev.custody.core.content;

import dev.custody.bootstrap.FetchedSecrets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@code [REDACTED:<kind>]}: every value a credential fetch returned in this JVM, and
 * anything shaped like a private key, JWT, bearer or basic credential, cloud or SaaS API key, or a
 * {@code password=}/{@code api_key:}-style pair. Applied to all captured content, whatever the capture mode.
 */
public final class SecretScrubber {

  /**
   * One shape of secret; {@code keep} is the number of the group kept in front of the marker (0: none). A rule only
   * runs its pattern when its cheap {@code hint} says the text may hold one: most text holds no secret at all.
   */
  private record Rule(String kind, Pattern pattern, int keep, Hint hint) {
    Rule(String kind, String regex, int keep, Hint hint) {
      this(kind, Pattern.compile(regex), keep, hint);
    }
  }

  /** A necessary condition for a rule to match, checked on the text and its lower-case copy. */
  @FunctionalInterface
  private interface Hint {
    boolean mayMatch(String text, String lower);
  }

  private static final List<Rule> SHAPES =
      List.of(
          // A private key, also when the text was cut before its END line.
          new Rule(
              "private-key",
              "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|.*)",
              0,
              (text, lower) -> text.contains("PRIVATE KEY-----")),
          new Rule(
              "jwt",
              "\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*",
              0,
              (text, lower) -> text.contains("eyJ")),
          // A bearer token, but not a short plain word as in "how bearer tokens work".
          new Rule(
              "bearer-token",
              "(?i)(\\bbearer\\s+)(?!\\[REDACTED)(?-i:(?![a-z]{1,15}(?![A-Za-z0-9._~+/=-])))"
                  + "[A-Za-z0-9._~+/=-]{6,}",
              1,
              (text, lower) -> lower.contains("bearer")),
          // Basic base64(user:password), but not a plain word as in "a basic summary".
          new Rule(
              "basic-auth",
              "(?i)(\\bbasic\\s+)(?-i:(?![A-Za-z][a-z]*(?![A-Za-z0-9+/=])))[A-Za-z0-9+/]{6,}={0,2}",
              1,
              (text, lower) -> lower.contains("basic")),
          // user:password@ in a URL
          new Rule(
              "basic-auth",
              "(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:)[^\\s@/]+(?=@)",
              1,
              (text, lower) -> text.contains("://") && text.indexOf('@') >= 0),
          new Rule(
              "aws-access-key-id",
              "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\\b",
              0,
              (text, lower) -> containsAny(text, "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA",
                  "ABIA", "ACCA")),
          new Rule(
              "api-key",
              "\\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}"
                  + "|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}"
                  + "|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}"
                  + "|hv[sbr]\\.[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20})",
              0,
              (text, lower) -> containsAny(text, "sk-", "gh", "xox", "AIza", "hvs.", "hvb.", "hvr.", "glpat-")),
          // An AWS secret access key: 40 characters of base64 mixing upper case, lower case and digits.
          new Rule(
              "aws-secret-access-key",
              "(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                  + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
              0,
              (text, lower) -> hasBase64Run(text, 40)));

  // key = value, key: "value", "key":"value", also inside JSON escaped in JSON (\"key\":\"value\"). The key ends
  // with one of the words; what precedes it (db_, client_, GITHUB_) stays as it is, but not a colon: that word is
  // the resource type of an ARN (arn:aws:secretsmanager:...:secret:orders-db), which names a secret, never holds one.
  private static final Pattern PAIR =
      Pattern.compile(
          "(?i)((?<!:)(password|passwd|pwd|passphrase|secret|api[_-]?key|apikey"
              + "|access[_-]?key|private[_-]?key|(?<=[_.-])key|credentials?|token)(?![A-Za-z0-9])"
              + "(?:\\\\?[\"'])?\\s*[:=]\\s*)"
              + "(\\\\\"(?:[^\"\\\\]|\\\\[^\"])*\\\\\"|\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'"
              + "|(?!\\[REDACTED)[^\\s\"'&,;}\\]\\\\<>]+)");

  private static final String[] PAIR_WORDS = {"pass", "pwd", "secret", "key", "token", "credential"};

  private SecretScrubber() {}

  /** The text with every secret replaced; null stays null. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String value : FetchedSecrets.values()) {
      if (result.contains(value)) {
        result = result.replace(value, marker("credential"));
      }
    }
    String lower = result.toLowerCase(Locale.ROOT);
    for (Rule rule : SHAPES) {
      if (rule.hint().mayMatch(result, lower)) {
        result = replace(result, rule);
      }
    }
    boolean mayHavePair = (lower.indexOf('=') >= 0 || lower.indexOf(':') >= 0) && containsAny(lower, PAIR_WORDS);
    return mayHavePair ? replacePairs(result) : result;
  }

  private static String replace(String text, Rule rule) {
    Matcher matcher = rule.pattern().matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      String kept = rule.keep() == 0 ? "" : matcher.group(rule.keep());
      matcher.appendReplacement(out, Matcher.quoteReplacement(kept + marker(rule.kind())));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }

  private static String replacePairs(String text) {
    Matcher matcher = PAIR.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      String value = matcher.group(3);
      String quote = openingQuote(value);
      String replacement = matcher.group(1) + quote + marker(pairKind(matcher.group(2))) + quote;
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }

  private static String openingQuote(String value) {
    if (value.startsWith("\\\"")) {
      return "\\\"";
    }
    return value.startsWith("\"") || value.startsWith("'") ? value.substring(0, 1) : "";
  }

  private static String pairKind(String keyWord) {
    String word = keyWord.toLowerCase(Locale.ROOT);
    if (word.startsWith("pass") || word.equals("pwd")) {
      return "password";
    }
    if (word.startsWith("private")) {
      return "private-key";
    }
    if (word.endsWith("key")) {
      return "api-key";
    }
    return word.equals("token") ? "token" : "secret";
  }

  private static boolean containsAny(String text, String... parts) {
    for (String part : parts) {
      if (text.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** True when the text holds {@code length} base64 characters in a row. */
  private static boolean hasBase64Run(String text, int length) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean base64 =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '+';
      run = base64 ? run + 1 : 0;
      if (run >= length) {
        return true;
      }
    }
    return false;
  }

  private static String marker(String kind) {
    return "[REDACTED:" + kind + "]";
  }
}
