package dev.custody.exporter.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growing buffer of UTF-8 bytes that canonical JSON is written into, strings escaped as RFC 8785
 * escapes them, so a form is hashed without building a String of it first. An unpaired surrogate is
 * written as {@code ?}, as {@code String.getBytes(UTF_8)} writes it.
 */
final class CanonicalBytes {

  private byte[] bytes;
  private int length;

  CanonicalBytes(int capacity) {
    bytes = new byte[capacity];
  }

  int length() {
    return length;
  }

  int capacity() {
    return bytes.length;
  }

  void clear() {
    length = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  void hashInto(MessageDigest digest) {
    digest.update(bytes, 0, length);
  }

  /** Text known to be ASCII and to need no escape: JSON punctuation, member names, hex. */
  CanonicalBytes ascii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  CanonicalBytes ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  CanonicalBytes number(long value) {
    return ascii(Long.toString(value));
  }

  /**
   * {@code text} as an RFC 8785 string, quotes included: its UTF-8 bytes (the JDK's encoder, fast
   * for the common ASCII text) with the ASCII characters JSON must escape escaped. No byte of a
   * multi-byte UTF-8 sequence is ASCII, so escaping the bytes is escaping the characters.
   */
  CanonicalBytes string(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    ensure(utf8.length + 2);
    bytes[length++] = '"';
    int run = 0;
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if ((b >= 0x20 || b < 0) && b != '"' && b != '\\') {
        continue;
      }
      ensure(i - run + 6);
      System.arraycopy(utf8, run, bytes, length, i - run);
      length += i - run;
      run = i + 1;
      escape((char) b);
    }
    ensure(utf8.length - run + 1);
    System.arraycopy(utf8, run, bytes, length, utf8.length - run);
    length += utf8.length - run;
    return ascii('"');
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> ascii("\\\"");
      case '\\' -> ascii("\\\\");
      case '\b' -> ascii("\\b");
      case '\f' -> ascii("\\f");
      case '\n' -> ascii("\\n");
      case '\r' -> ascii("\\r");
      case '\t' -> ascii("\\t");
      default ->
          ascii("\\u00")
              .ascii(Character.forDigit(c >> 4, 16))
              .ascii(Character.forDigit(c & 0xf, 16));
    }
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
    }
  }
}
