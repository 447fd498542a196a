package dev.custody.core.scrub;

/**
 * AWS secret access keys: exactly 40 characters of standard base64 mixing upper case, lower case
 * and digits, standing alone, not a path and not made of words (a git commit id, lower-case hex, or
 * {@code generateMonthlyReportForTenant42} never qualifies). Only runs of 40 base64 characters or
 * more are read ({@link Chars#longRuns}).
 */
final class AwsSecretKeys {

  static final int LENGTH = 40;

  private AwsSecretKeys() {}

  static void find(String text, Redactions out) {
    Chars.longRuns(
        text,
        Chars.BASE64,
        LENGTH,
        (runStart, end) -> {
          int start = followsJsonEscape(text, runStart, end) ? runStart + 1 : runStart;
          if (end - start == LENGTH
              && (start == 0 || text.charAt(start - 1) != '=')
              && (end == text.length() || text.charAt(end) != '=')
              && text.charAt(start) != '/'
              && mixesCases(text, start, end)
              && !Randomness.isWordy(text, start, end)) {
            out.add(start, end, "aws-secret-access-key");
          }
        });
  }

  /**
   * A run such as {@code tAbc...} right after a backslash: the {@code t} is a JSON escape ({@code
   * \\t}), not a key's.
   */
  private static boolean followsJsonEscape(String text, int start, int end) {
    return end - start == LENGTH + 1
        && start > 0
        && text.charAt(start - 1) == '\\'
        && "nrtbf".indexOf(text.charAt(start)) >= 0;
  }

  private static boolean mixesCases(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= Chars.isDigit(c);
    }
    return upper && lower && digit;
  }
}
