package dev.custody.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * JWTs shaped as identity providers issue them, with a random signature: the fakes' clients never
 * verify one.
 */
public final class FakeJwt {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private FakeJwt() {}

  /** A compact JWS of {@code claimsJson}, signed (in shape) with {@code alg}. */
  public static String of(String alg, String claimsJson) {
    byte[] signature = new byte[64];
    RANDOM.nextBytes(signature);
    return encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}")
        + "."
        + encode(claimsJson)
        + "."
        + URL.encodeToString(signature);
  }

  /** A random identifier, as token ids ({@code jti}, {@code uti}) are. */
  public static String randomId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return URL.encodeToString(id);
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
