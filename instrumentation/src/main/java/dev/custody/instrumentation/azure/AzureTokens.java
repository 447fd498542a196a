package dev.custody.instrumentation.azure;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.implementation.IdentityClientBase;
import com.azure.identity.implementation.MsalToken;
import com.microsoft.aad.msal4j.AuthenticationResultMetadata;
import com.microsoft.aad.msal4j.TokenSource;
import dev.custody.core.AgentInternals;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.Credentials;
import dev.custody.core.credentials.JwtClaims;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Azure Identity access tokens: each token a credential got from the identity provider (not from a
 * cache) is a {@code fetch azure-identity} span, recorded once it is known to be fresh, from the
 * call's start. Chained and wrapping credentials hand on the token of the credential they wrap, so
 * the first credential to return a token, the innermost, records it. The token goes to the scrubber
 * and is linked, so the Azure SDK requests that present it name it.
 */
public final class AzureTokens {

  static final String PROVIDER = "azure-identity";

  private static final CredentialSpans SPANS = new CredentialSpans("dev.custody.azure-identity");

  /**
   * Tokens and failures already recorded, by identity: a wrapping credential returns its inner
   * one's.
   */
  private static final AgentInternals.Cache<Object, Boolean> SEEN = AgentInternals.weakCache();

  /** The identity client each credential class keeps, if any. */
  private static final ClassValue<Field> IDENTITY_CLIENT =
      new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
          for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
              Field field = c.getDeclaredField("identityClient");
              field.setAccessible(true);
              return field;
            } catch (NoSuchFieldException | RuntimeException notHere) {
              // look further up
            }
          }
          return null;
        }
      };

  private AzureTokens() {}

  /**
   * After a credential's blocking {@code getTokenSync}, started at {@code start}, returned or
   * threw.
   */
  public static void returned(
      Object credential, Object request, Object token, Throwable error, Instant start) {
    outcome(Context.current(), credential, request, token, error, start);
  }

  /**
   * A credential's {@code getToken}: each subscription's outcome is recorded under the context it
   * was asked in.
   */
  public static Mono<?> observe(Object credential, Object request, Mono<?> token) {
    if (token == null) {
      return null;
    }
    Context parent = Context.current();
    return Mono.defer(
        () -> {
          Instant start = Instant.now();
          return token
              .doOnNext(value -> outcome(parent, credential, request, value, null, start))
              .doOnError(error -> outcome(parent, credential, request, null, error, start));
        });
  }

  /**
   * On the span the Azure SDK starts for each HTTP request (the agent's Azure tracer keeps its
   * context under {@code trace-context}): the credential whose token the request presents. Azure's
   * spans capture no headers, so the agent-wide check of captured headers cannot see it.
   */
  public static void requestSpanStarted(Object callContext, Object azureSpanContext) {
    if (!Credentials.anyObtained()) {
      return;
    }
    String authorization =
        ((HttpPipelineCallContext) callContext)
            .getHttpRequest()
            .getHeaders()
            .getValue(HttpHeaderName.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return;
    }
    String used = Credentials.idOf(authorization.substring(7).trim());
    Object trace =
        ((com.azure.core.util.Context) azureSpanContext).getData("trace-context").orElse(null);
    if (used != null && trace instanceof Context context) {
      Span.fromContext(context).setAttribute(CREDENTIAL_USED, used);
    }
  }

  private static void outcome(
      Context parent,
      Object credential,
      Object request,
      Object token,
      Throwable error,
      Instant start) {
    try {
      Object outcome = error != null ? error : token;
      // the same object comes back through every credential wrapping the one that got it
      if (outcome == null || SEEN.get(outcome) != null) {
        return;
      }
      SEEN.put(outcome, Boolean.TRUE);
      TokenRequestContext tokenRequest = (TokenRequestContext) request;
      String principal = principal(credential, tokenRequest);
      CredentialOperation fetch = CredentialOperation.fetch(PROVIDER, id(principal, tokenRequest));
      if (error != null && !(error instanceof CredentialUnavailableException)) {
        SPANS.record(parent, fetch, null, error, start, Instant.now());
      } else if (token instanceof AccessToken accessToken && fromIdentityProvider(accessToken)) {
        SPANS.record(
            parent,
            fetch,
            obtained(fetch.credentialId(), principal, accessToken),
            null,
            start,
            Instant.now());
      }
    } catch (RuntimeException | LinkageError unexpected) {
      // the token goes to the application unrecorded
    }
  }

  /**
   * MSAL tells where a token came from; tokens of the developer-tool credentials are fetched on
   * every call.
   */
  private static boolean fromIdentityProvider(AccessToken token) {
    if (!(token instanceof MsalToken msal)) {
      return true;
    }
    AuthenticationResultMetadata metadata = msal.getAuthenticationResult().metadata();
    return metadata != null && metadata.tokenSource() == TokenSource.IDENTITY_PROVIDER;
  }

  private static CredentialSpans.Obtained obtained(String id, String principal, AccessToken token) {
    CredentialFacts.Builder facts =
        CredentialFacts.builder(PROVIDER, "token", id).principal(principal);
    JwtClaims claims = JwtClaims.of(token.getToken());
    if (claims != null) {
      // Entra ID names its tokens' identifier uti
      String jti = claims.string("jti") != null ? claims.string("jti") : claims.string("uti");
      facts.issuedAt(claims.time("iat")).jti(jti);
    }
    if (token.getExpiresAt() != null) {
      Instant expiry = token.getExpiresAt().toInstant();
      facts
          .expiresAt(expiry)
          .ttlSeconds(Math.max(0, Duration.between(Instant.now(), expiry).toSeconds()));
    }
    return CredentialSpans.Obtained.of(facts.build(), List.of(token.getToken()));
  }

  /** {@code azure-identity:{principal}/{scopes}}: one credential per identity and audience. */
  private static String id(String principal, TokenRequestContext request) {
    return PROVIDER + ":" + principal + "/" + String.join(" ", request.getScopes());
  }

  /**
   * The client id, with {@code @tenant} when one is known; {@code system-assigned} for a
   * system-assigned managed identity; else the credential's class (the developer tools' credentials
   * sign in as whoever uses the tool).
   */
  private static String principal(Object credential, TokenRequestContext request) {
    if (credential instanceof ManagedIdentityCredential managedIdentity) {
      return managedIdentity.getClientId() == null
          ? "system-assigned"
          : managedIdentity.getClientId();
    }
    IdentityClientBase client = identityClient(credential);
    String clientId = client == null ? null : client.getClientId();
    if (clientId == null) {
      return credential.getClass().getSimpleName();
    }
    String tenant = request.getTenantId() != null ? request.getTenantId() : client.getTenantId();
    return tenant == null ? clientId : clientId + "@" + tenant;
  }

  private static IdentityClientBase identityClient(Object credential) {
    Field field = IDENTITY_CLIENT.get(credential.getClass());
    try {
      return field != null && field.get(credential) instanceof IdentityClientBase client
          ? client
          : null;
    } catch (IllegalAccessException unreadable) {
      return null;
    }
  }
}
