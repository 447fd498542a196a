package dev.custody.instrumentation.vaultshared;

import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.Credentials;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Vault credential is, whichever client obtained it. A static KV secret is named by the path
 * it was read at and never expires; a leased secret (dynamic credentials) by its lease id, which is
 * what revocations name; a token by its accessor, Vault's own name for it that is no secret. The
 * principal is the identity entity of the token that obtained the credential (its accessor when it
 * has none), known for tokens a login in this JVM obtained.
 */
public final class VaultCredentials {

  public static final String PROVIDER = "vault";

  private static final int MAX_TOKENS = 1024;

  // The principal of each token a login obtained, by the token's credential id (its accessor).
  private static final Map<String, String> principalByToken =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_TOKENS;
        }
      };

  private VaultCredentials() {}

  /**
   * A secret read at {@code path}: a lease when Vault leased it, else a static KV secret.
   *
   * @param token the token the read presented, which names the principal when a login obtained it
   */
  public static CredentialFacts read(
      String path,
      String leaseId,
      Long leaseSeconds,
      Boolean renewable,
      String version,
      String token) {
    CredentialFacts.Builder facts =
        leaseId == null || leaseId.isEmpty()
            ? CredentialFacts.builder(PROVIDER, "secret", path).version(version).neverExpires()
            : CredentialFacts.builder(PROVIDER, "lease", leaseId)
                .leaseId(leaseId)
                .ttlSeconds(leaseSeconds)
                .renewable(renewable);
    return facts.principal(principalOf(token)).issuedAt(Instant.now()).build();
  }

  /**
   * A token a login obtained, named by its accessor (by {@code loginPath} for one without); a token
   * with no lease duration (a root token) never expires.
   */
  public static CredentialFacts login(
      String loginPath, String accessor, String entityId, long leaseSeconds, boolean renewable) {
    boolean hasAccessor = accessor != null && !accessor.isEmpty();
    String principal =
        entityId != null && !entityId.isEmpty() ? entityId : hasAccessor ? accessor : null;
    CredentialFacts.Builder facts =
        CredentialFacts.builder(PROVIDER, "token", hasAccessor ? accessor : loginPath)
            .principal(principal)
            .issuedAt(Instant.now())
            .renewable(renewable);
    if (leaseSeconds > 0) {
      facts.ttlSeconds(leaseSeconds);
    } else {
      facts.neverExpires();
    }
    CredentialFacts token = facts.build();
    if (principal != null) {
      synchronized (principalByToken) {
        principalByToken.put(token.id(), principal);
      }
    }
    return token;
  }

  /** The credential id of {@code token} when a fetch in this JVM obtained it, else null. */
  public static String tokenCredential(String token) {
    return Credentials.idOf(token);
  }

  private static String principalOf(String token) {
    String credential = tokenCredential(token);
    if (credential == null) {
      return null;
    }
    synchronized (principalByToken) {
      return principalByToken.get(credential);
    }
  }
}
