package dev.custody.core.credentials;

import dev.custody.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * The claims of a JWT, read without a key and so without verifying the token: what a credential
 * that is a JWT says about itself ({@code sub}, {@code jti}, {@code iat}, {@code exp}), or what a
 * caller's token says about its user. Only a compact JWS (three segments, a JOSE header naming its
 * {@code alg}, a JSON object payload) of at most {@link #MAX_LENGTH} characters is read; an
 * encrypted JWT (five segments), an opaque token or anything malformed has no claims. The token
 * itself is never kept.
 */
public final class JwtClaims {

  /** Longer than any token an identity provider issues: a caller may send anything. */
  public static final int MAX_LENGTH = 16 * 1024;

  private static final JwtClaims NONE = new JwtClaims(JsonObject.EMPTY);

  private final JsonObject claims;

  private JwtClaims(JsonObject claims) {
    this.claims = claims;
  }

  /** The claims of {@code token}, or null when it is no signed JWT with a JSON object payload. */
  public static JwtClaims of(String token) {
    if (token == null || token.length() > MAX_LENGTH) {
      return null;
    }
    String[] segments = token.trim().split("\\.", -1);
    if (segments.length != 3) {
      return null;
    }
    JsonObject header = decode(segments[0]);
    JsonObject claims = decode(segments[1]);
    return header == null || header.string("alg") == null || claims == null
        ? null
        : new JwtClaims(claims);
  }

  /** A string claim, or null when absent or not a string. */
  public String string(String name) {
    return claims.string(name);
  }

  /** A NumericDate claim ({@code iat}, {@code exp}, {@code nbf}) as an instant, or null. */
  public Instant time(String name) {
    Number seconds = claims.number(name);
    if (seconds == null) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(seconds.longValue());
    } catch (DateTimeException outOfRange) {
      return null; // past year 1,000,000,000: no time a token is valid until
    }
  }

  /**
   * A claim that is an object ({@code act}, {@code kubernetes.io}), read as claims; none when
   * absent.
   */
  public JwtClaims object(String name) {
    JsonObject object = claims.object(name);
    return object == JsonObject.EMPTY ? NONE : new JwtClaims(object);
  }

  private static JsonObject decode(String segment) {
    try {
      return JsonObject.parse(
          new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64Url) {
      return null;
    }
  }
}
