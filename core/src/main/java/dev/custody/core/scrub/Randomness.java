package dev.custody.core.scrub;

/**
 * Tells a random token (a key, a password) from text that merely looks technical: ids and digests
 * in hex, UUIDs, identifiers made of words, structured numbers ({@code ORD-2024-000123}). Used
 * where nothing but the look of a value says it is a secret.
 */
final class Randomness {

  private Randomness() {}

  /**
   * Letters mixed with digits or symbols (or both cases, when long), not mostly words, not a UUID,
   * with a Shannon entropy of 3 bits per character or more (2.5 for a short password of three or
   * more character classes). Hex counts only from 32 characters: shorter hex runs are ids and
   * abbreviated digests.
   */
  static boolean looksRandom(String text, int start, int end, boolean password) {
    int length = end - start;
    if (length < 8 || isUuid(text, start, end)) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    boolean hexOnly = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= Chars.isDigit(c);
      symbol |= !Chars.is(c, Chars.ALNUM);
      hexOnly &= Chars.is(c, Chars.HEX);
    }
    if (hexOnly) {
      return length >= 32 && digit && (upper || lower) && entropy(text, start, end) >= 3.0;
    }
    boolean letters = upper || lower;
    boolean mixed = letters && (digit || symbol || (upper && lower && length >= 20));
    if (!mixed || isWordy(text, start, end)) {
      return false;
    }
    if (length < 12) {
      int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
      return password && classes >= 3 && entropy(text, start, end) >= 2.5;
    }
    return entropy(text, start, end) >= 3.0;
  }

  /**
   * Half or more of the characters are in runs of four or more lower-case letters: words, as in
   * identifiers.
   */
  static boolean isWordy(String text, int start, int end) {
    int inWords = 0;
    int run = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      run = c >= 'a' && c <= 'z' ? run + 1 : 0;
      if (run == 4) {
        inWords += 4;
      } else if (run > 4) {
        inWords++;
      }
    }
    return 2 * inWords >= end - start;
  }

  static boolean isUuid(String text, int start, int end) {
    if (end - start != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(start + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !Chars.is(c, Chars.HEX)) {
        return false;
      }
    }
    return true;
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
}
