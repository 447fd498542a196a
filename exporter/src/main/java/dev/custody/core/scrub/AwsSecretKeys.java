package dev.custody.core.scrub;

/**
 * AWS secret access keys: exactly 40 characters of standard base64 mixing upper case, lower case and digits, standing
 * alone (a git commit id, lower-case hex, never qualifies). One pass over the runs of base64 characters.
 */
final class AwsSecretKeys {

  static final int LENGTH = 40;

  private AwsSecretKeys() {}

  static void find(String text, Redactions out) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      if (!Chars.isBase64(text.charAt(i))) {
        i++;
        continue;
      }
      int end = Chars.runEnd(text, i, Chars::isBase64);
      if (end - i == LENGTH
          && (i == 0 || text.charAt(i - 1) != '=')
          && (end == length || text.charAt(end) != '=')
          && mixesCases(text, i, end)) {
        out.add(i, end, "aws-secret-access-key");
      }
      i = end;
    }
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
