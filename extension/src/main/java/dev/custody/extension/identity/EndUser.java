package dev.custody.extension.identity;

import static dev.custody.core.CustodyAttributes.ENDUSER_ACTOR;
import static dev.custody.core.CustodyAttributes.ENDUSER_CLIENT_ID;
import static dev.custody.core.CustodyAttributes.ENDUSER_ID;
import static dev.custody.core.CustodyAttributes.ENDUSER_ISSUER;
import static dev.custody.core.CustodyAttributes.ENDUSER_SOURCE;
import static dev.custody.core.CustodyAttributes.USER_ID;

import dev.custody.core.credentials.JwtClaims;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The person on whose behalf a request runs, as the request says: a header a gateway sets, or the
 * claims of its bearer JWT, read without verifying it. Nothing here is proof, so {@code source}
 * says where it was read. The token itself is never kept.
 *
 * @param id the end user; null when the request names none (an opaque token)
 * @param clientId the application the token was issued to ({@code azp}, {@code client_id}, {@code
 *     appid}, {@code cid})
 * @param actors the delegation chain of the token's {@code act} claims (RFC 8693), the current
 *     actor first
 * @param source {@code header}, {@code jwt_unverified} or {@code opaque}
 */
record EndUser(String id, String issuer, String clientId, List<String> actors, String source) {

  /** Longer values are cut: a header is whatever the caller sent. */
  static final int MAX_VALUE_LENGTH = 256;

  static final int MAX_ACTORS = 8;

  private static final List<String> CLIENT_ID_CLAIMS = List.of("azp", "client_id", "appid", "cid");

  /**
   * The end user a request names: the first value of the configured header, else the claims of its
   * bearer JWT, else (an opaque bearer token) nobody; null when it has no such header and no bearer
   * token.
   *
   * @param headerValues the values of the configured end-user header, or null
   * @param authorization the values of the {@code Authorization} header, or null
   * @param idClaim the claim that names the end user, {@code sub} unless configured
   */
  static EndUser of(List<String> headerValues, List<String> authorization, String idClaim) {
    String header = first(headerValues);
    if (header != null) {
      return new EndUser(cut(header), null, null, List.of(), "header");
    }
    String credentials = first(authorization);
    if (credentials == null || !credentials.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    JwtClaims claims = JwtClaims.of(credentials.substring(7).trim());
    if (claims == null) {
      return new EndUser(null, null, null, List.of(), "opaque");
    }
    return new EndUser(
        cut(claims.string(idClaim)),
        cut(claims.string("iss")),
        clientId(claims),
        actors(claims),
        "jwt_unverified");
  }

  /** The attributes that say so; the builder skips the parts that are null. */
  Attributes attributes() {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(ENDUSER_ID, id)
            .put(USER_ID, id)
            .put(ENDUSER_ISSUER, issuer)
            .put(ENDUSER_CLIENT_ID, clientId)
            .put(ENDUSER_SOURCE, source);
    if (!actors.isEmpty()) {
      attributes.put(ENDUSER_ACTOR, actors);
    }
    return attributes.build();
  }

  private static String clientId(JwtClaims claims) {
    for (String claim : CLIENT_ID_CLAIMS) {
      if (claims.string(claim) != null) {
        return cut(claims.string(claim));
      }
    }
    return null;
  }

  /**
   * Each nested {@code act} names the actor before: {@code
   * {"sub":"alice","act":{"sub":"agent","act":{...}}}}.
   */
  private static List<String> actors(JwtClaims claims) {
    List<String> actors = new ArrayList<>();
    JwtClaims act = claims.object("act");
    while (act.string("sub") != null && actors.size() < MAX_ACTORS) {
      actors.add(cut(act.string("sub")));
      act = act.object("act");
    }
    return List.copyOf(actors);
  }

  private static String first(List<String> values) {
    if (values == null) {
      return null;
    }
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  private static String cut(String value) {
    return value == null || value.length() <= MAX_VALUE_LENGTH
        ? value
        : value.substring(0, MAX_VALUE_LENGTH);
  }
}
