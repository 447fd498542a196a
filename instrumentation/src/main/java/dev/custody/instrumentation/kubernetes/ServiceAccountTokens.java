package dev.custody.instrumentation.kubernetes;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;

import dev.custody.core.AgentInternals;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.Credentials;
import dev.custody.core.credentials.JwtClaims;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Kubernetes service-account tokens read from their projected file: a read that finds a token the
 * file did not hold before (the first, then each the kubelet rotated in) is a {@code fetch
 * kubernetes} span, recorded once the read ended; re-reads of the same token are none. The
 * credential is the service account ({@code sub}, {@code
 * system:serviceaccount:<namespace>:<name>}), with the token's {@code jti}, issue and expiry. The
 * token goes to the scrubber and is linked, so the API calls presenting it name the service account
 * (client-java's calls are marked by its interceptor, whose header the agent cannot capture). A
 * failed read is an ERROR span naming the file.
 */
public final class ServiceAccountTokens {

  static final String PROVIDER = "kubernetes";

  private static final CredentialSpans SPANS = new CredentialSpans("dev.custody.kubernetes");

  /** The token each file held when last read. */
  private static final AgentInternals.Cache<String, String> LAST_READ =
      AgentInternals.boundedCache(64);

  private ServiceAccountTokens() {}

  /** After a read of {@code file} that started at {@code start} returned {@code token} or threw. */
  public static void read(String file, String token, Throwable error, Instant start) {
    if (error != null) {
      SPANS.record(
          Context.current(),
          CredentialOperation.fetch(PROVIDER, file),
          null,
          error,
          start,
          Instant.now());
      return;
    }
    if (token == null || token.equals(LAST_READ.get(file))) {
      return;
    }
    LAST_READ.put(file, token);
    SPANS.record(
        Context.current(),
        CredentialOperation.fetch(PROVIDER, null),
        obtained(file, token),
        null,
        start,
        Instant.now());
  }

  /**
   * After client-java's interceptor added {@code token} to a request: the agent's span of the call
   * names it.
   */
  public static void presented(String token) {
    String used = Credentials.idOf(token);
    if (used != null) {
      Span.current().setAttribute(CREDENTIAL_USED, used);
    }
  }

  private static CredentialSpans.Obtained obtained(String file, String token) {
    JwtClaims claims = JwtClaims.of(token);
    // a token that is no JWT (a static token put in the file) is named by its file
    String subject = claims == null ? null : claims.string("sub");
    CredentialFacts.Builder facts =
        CredentialFacts.builder(PROVIDER, "token", subject != null ? subject : file);
    if (claims != null) {
      facts.issuedAt(claims.time("iat")).jti(claims.string("jti"));
      Instant expiry = claims.time("exp");
      if (expiry != null) {
        facts
            .expiresAt(expiry)
            .ttlSeconds(Math.max(0, Duration.between(Instant.now(), expiry).toSeconds()));
      }
    }
    return CredentialSpans.Obtained.of(facts.build(), List.of(token));
  }
}
