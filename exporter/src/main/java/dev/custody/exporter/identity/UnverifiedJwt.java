package dev.custody.exporter.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The claims of a JWT, read without a key and so without verifying it: what a token says about its subject, never
 * proof of it. Only a compact JWS (three segments, a JOSE header naming its {@code alg}, a JSON object payload) of at
 * most {@link #MAX_LENGTH} characters is read; an encrypted JWT (five segments), an opaque token or anything
 * malformed has no claims. The token itself is never kept.
 */
final class UnverifiedJwt {

  static final int MAX_LENGTH = 16 * 1024;

  private UnverifiedJwt() {}

  /** The claims of {@code token}, or null when it is no readable JWS. */
  static JsonObject claims(String token) {
    if (token == null || token.length() > MAX_LENGTH) {
      return null;
    }
    String[] segments = token.trim().split("\\.", -1);
    if (segments.length != 3) {
      return null;
    }
    JsonObject header = decode(segments[0]);
    if (header == null || header.string("alg") == null) {
      return null;
    }
    return decode(segments[1]);
  }

  private static JsonObject decode(String segment) {
    try {
      return JsonObject.parse(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64Url) {
      return null;
    }
  }
}
