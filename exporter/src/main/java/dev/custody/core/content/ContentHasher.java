package dev.custody.core.content;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes captured text so a reader holding the original can prove it matches: {@code sha256:<hex>}, or
 * {@code hmac-sha256:<hex>} when a key is configured (then nobody without the key can test guesses against it).
 */
public final class ContentHasher {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ContentHasher() {}

  /** The hash of the UTF-8 bytes of {@code text}; with a null {@code key}, plain SHA-256. */
  public static String hash(String text, String key) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (key == null) {
        return "sha256:" + hex(MessageDigest.getInstance("SHA-256").digest(bytes));
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "hmac-sha256:" + hex(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
