package dev.custody.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of credential values (HMAC-SHA256, cut to 128 bits): what the {@link
 * CredentialLedger} keeps instead of the values. The key is {@code custody.hash.key} when set, else
 * random per JVM, so a fingerprint means nothing outside the process.
 */
final class ValueFingerprints {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int FINGERPRINT_BYTES = 16;

  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(ValueFingerprints::newMac);

  private ValueFingerprints() {}

  static String of(String value) {
    byte[] digest = MACS.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(digest, FINGERPRINT_BYTES));
  }

  private static Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(Key.BYTES, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no " + ALGORITHM, e);
    }
  }

  // Read once, at the first fingerprint: the settings are published at start-up, before any
  // credential is fetched.
  private static final class Key {
    static final byte[] BYTES = key();

    private static byte[] key() {
      String configured = CustodySettings.values().get("custody.hash.key");
      if (configured != null && !configured.isBlank()) {
        return configured.getBytes(StandardCharsets.UTF_8);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      return random;
    }
  }
}
