package dev.custody.core.scrub;

/**
 * PEM private keys (PKCS#1 and #8, EC, OpenSSH, encrypted, PGP blocks), from their BEGIN line through their END line,
 * or to the end of the text when it was cut before it.
 */
final class PrivateKeys {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** How far a label such as {@code ENCRYPTED PRIVATE KEY} or {@code PGP PRIVATE KEY BLOCK} may reach. */
  private static final int LONGEST_LABEL = 64;

  private PrivateKeys() {}

  static void find(String text, Redactions out) {
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return;
      }
      int labelStart = begin + BEGIN.length();
      int labelEnd = indexWithin(text, DASHES, labelStart, LONGEST_LABEL);
      if (labelEnd < 0 || !text.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
        from = labelStart;
        continue;
      }
      int end = text.indexOf(END, labelEnd + DASHES.length());
      if (end >= 0) {
        int endLabelEnd = indexWithin(text, DASHES, end + END.length(), LONGEST_LABEL);
        end = endLabelEnd >= 0 ? endLabelEnd + DASHES.length() : text.length();
      } else {
        end = text.length();
      }
      out.add(begin, end, "private-key");
      from = end;
    }
  }

  /** Where {@code part} starts at most {@code reach} characters after {@code from}, or -1. */
  private static int indexWithin(String text, String part, int from, int reach) {
    int last = Math.min(from + reach, text.length() - part.length());
    for (int i = from; i <= last; i++) {
      if (text.startsWith(part, i)) {
        return i;
      }
    }
    return -1;
  }
}
