package dev.custody.core.content;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes captured text so a reader holding the original can prove it matches: {@code sha256:<hex>},
 * or {@code hmac-sha256:<hex>} when a key is configured (then nobody without the key can test
 * guesses against it). Digests are cloned from prototypes: looking a provider up costs more than
 * hashing a short text.
 */
public final class ContentHasher {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final MessageDigest SHA256 = sha256();

  /** The HMAC prototype of the key last used; the key is fixed for the life of the JVM. */
  private static volatile KeyedMac keyedMac;

  private record KeyedMac(String key, Mac mac) {}

  private ContentHasher() {}

  /** The hash of the UTF-8 bytes of {@code text}; with a null {@code key}, plain SHA-256. */
  public static String hash(String text, String key) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (key == null) {
        return "sha256:" + hex(((MessageDigest) SHA256.clone()).digest(bytes));
      }
      return "hmac-sha256:" + hex(((Mac) mac(key).clone()).doFinal(bytes));
    } catch (CloneNotSupportedException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "HMAC-SHA256 and SHA-256 are required by every Java platform", e);
    }
  }

  private static Mac mac(String key) throws GeneralSecurityException {
    KeyedMac current = keyedMac;
    if (current == null || !current.key().equals(key)) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      current = new KeyedMac(key, mac);
      keyedMac = current;
    }
    return current.mac();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
