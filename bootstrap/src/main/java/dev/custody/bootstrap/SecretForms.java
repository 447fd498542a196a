package dev.custody.bootstrap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms in which a secret value travels in text: as it is, JSON-escaped, URL-encoded, hex, and
 * base64 (standard or URL-safe, padded or not, alone or inside a longer encoded text such as {@code
 * user:value} of a basic credential). Forms are kept {@linkplain #normalize normalized}, as the
 * {@link SecretIndex} compares them.
 */
final class SecretForms {

  /**
   * A form of a value; {@code encoded} forms are redacted with the whole encoded run around them.
   */
  record Form(String text, boolean encoded) {}

  /**
   * Longer values are looked for as they are, escaped and URL-encoded only: their hex and base64
   * are rare.
   */
  static final int LONGEST_ENCODED = 1024;

  private SecretForms() {}

  /**
   * Folds what encodings write two ways into one: URL-safe base64's {@code -} and {@code _} into
   * standard base64's {@code +} and {@code /}, and upper-case hex digits into lower case. Text and
   * forms are compared folded, so one form matches both alphabets and both hex cases; two texts
   * that differ only in these characters match alike.
   */
  static char normalize(char c) {
    return c < 128 ? NORMALIZED[c] : c;
  }

  private static final char[] NORMALIZED = normalized();

  private static char[] normalized() {
    char[] table = new char[128];
    for (char c = 0; c < 128; c++) {
      table[c] = c >= 'A' && c <= 'F' ? (char) (c + ('a' - 'A')) : c;
    }
    table['-'] = '+';
    table['_'] = '/';
    return table;
  }

  static String normalize(String text) {
    char[] chars = new char[text.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = normalize(text.charAt(i));
    }
    return new String(chars);
  }

  /** The distinct normalized forms of {@code value}. */
  static List<Form> of(String value) {
    Map<String, Form> forms = new LinkedHashMap<>();
    add(forms, value, false);
    add(forms, JsonStrings.escape(value), false);
    String urlEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    add(forms, urlEncoded, false);
    add(forms, urlEncoded.replace("+", "%20"), false);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= LONGEST_ENCODED) {
      add(forms, HexFormat.of().formatHex(bytes), false);
      for (String core : base64Cores(bytes)) {
        add(forms, core, true);
      }
    }
    return new ArrayList<>(forms.values());
  }

  /**
   * The base64 characters that encode only bytes of {@code bytes}, whatever precedes them in the
   * encoded text: one run for each of the three alignments the value can start at (after 0, 1 or 2
   * bytes of a group of three).
   */
  static List<String> base64Cores(byte[] bytes) {
    List<String> cores = new ArrayList<>(3);
    Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, shifted, offset, bytes.length);
      String encoded = encoder.encodeToString(shifted);
      int firstBit = 8 * offset;
      int endBit = 8 * (offset + bytes.length);
      int first = (firstBit + 5) / 6;
      int end = endBit / 6;
      if (end - first >= SecretIndex.WINDOW) {
        cores.add(encoded.substring(first, end));
      }
    }
    return cores;
  }

  private static void add(Map<String, Form> forms, String text, boolean encoded) {
    String normalized = normalize(text);
    if (normalized.length() >= SecretIndex.WINDOW) {
      forms.putIfAbsent(normalized, new Form(normalized, encoded));
    }
  }
}
