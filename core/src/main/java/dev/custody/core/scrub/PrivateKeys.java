package dev.custody.core.scrub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM private keys (PKCS#1 and #8, EC, OpenSSH, encrypted, PGP blocks), from their BEGIN line
 * through their END line, or to the end of the text when it was cut before it; also base64-encoded,
 * as in a kubeconfig.
 */
final class PrivateKeys {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /**
   * How far a label such as {@code ENCRYPTED PRIVATE KEY} or {@code PGP PRIVATE KEY BLOCK} may
   * reach.
   */
  private static final int LONGEST_LABEL = 64;

  private PrivateKeys() {}

  /** {@code -----BEGIN} in base64, as a kubeconfig's {@code client-key-data} holds a PEM key. */
  private static final String BASE64_BEGIN = "LS0tLS1CRUdJTi";

  static void find(String text, Redactions out) {
    pemBlocks(text, out);
    base64PemBlocks(text, out);
  }

  /** A base64 run that decodes to a PEM private key. */
  private static void base64PemBlocks(String text, Redactions out) {
    for (int at = text.indexOf(BASE64_BEGIN); at >= 0; at = text.indexOf(BASE64_BEGIN, at + 1)) {
      int end = at;
      while (end < text.length()
          && (Chars.is(text.charAt(end), Chars.BASE64) || text.charAt(end) == '=')) {
        end++;
      }
      int head = Math.min(end, at + 64) - at;
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(text.substring(at, at + head - head % 4));
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      if (new String(decoded, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY")) {
        out.add(at, end, "private-key");
        at = end - 1;
      }
    }
  }

  private static void pemBlocks(String text, Redactions out) {
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
