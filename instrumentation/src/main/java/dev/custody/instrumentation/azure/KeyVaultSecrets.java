package dev.custody.instrumentation.azure;

import com.azure.core.http.rest.Response;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.custody.core.RunningOperation;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Key Vault secrets read through {@code SecretClient} and {@code SecretAsyncClient}: each read is a
 * {@code fetch azure-keyvault} span with the secret's id (its URL with the version), version and
 * dates. The SDK's own spans, which end before the secret is parsed and carry nothing of it, are
 * its children. The value goes to the scrubber and is linked to the id.
 */
public final class KeyVaultSecrets {

  static final String PROVIDER = "azure-keyvault";

  private static final CredentialSpans SPANS =
      new CredentialSpans("dev.custody.azure-keyvault-secrets");

  private KeyVaultSecrets() {}

  /**
   * Before a blocking read of the secret named by {@code arguments}: our fetch span, current while
   * it runs.
   */
  public static RunningOperation<CredentialOperation, Obtained> start(
      Object client, Object[] arguments) {
    return RunningOperation.start(
        SPANS, operation(((SecretClient) client).getVaultUrl(), arguments));
  }

  /** After a blocking read returned a secret (or a response holding one) or threw. */
  public static void end(
      RunningOperation<CredentialOperation, Obtained> fetch, Object result, Throwable error) {
    if (fetch != null) {
      KeyVaultSecret secret = secretOf(result);
      fetch.returned(error == null && secret != null ? obtained(secret) : null, error);
    }
  }

  /**
   * An asynchronous read: one fetch per subscription, under the context the read was asked for in.
   */
  public static Mono<?> observe(Object client, Object[] arguments, Mono<?> read) {
    if (read == null) {
      return null;
    }
    CredentialOperation operation =
        operation(((SecretAsyncClient) client).getVaultUrl(), arguments);
    return Mono.fromDirect(new SecretFetchFlux(read.flux(), SPANS, operation));
  }

  static KeyVaultSecret secretOf(Object result) {
    Object secret = result instanceof Response<?> response ? response.getValue() : result;
    return secret instanceof KeyVaultSecret keyVaultSecret ? keyVaultSecret : null;
  }

  /** The secret's facts: dated by its version's creation; a secret with no expiry never expires. */
  static CredentialSpans.Obtained obtained(KeyVaultSecret secret) {
    SecretProperties properties = secret.getProperties();
    CredentialFacts.Builder facts =
        CredentialFacts.builder(PROVIDER, "secret", properties.getId())
            .version(properties.getVersion());
    if (properties.getCreatedOn() != null) {
      facts.issuedAt(properties.getCreatedOn().toInstant());
    }
    if (properties.getExpiresOn() == null) {
      facts.neverExpires();
    } else {
      Instant expiry = properties.getExpiresOn().toInstant();
      facts
          .expiresAt(expiry)
          .ttlSeconds(Math.max(0, Duration.between(Instant.now(), expiry).toSeconds()));
    }
    String value = secret.getValue();
    return CredentialSpans.Obtained.of(facts.build(), value == null ? List.of() : List.of(value));
  }

  /**
   * The secret's URL as the vault names it, known before the read from the name and, when asked
   * for, the version: the read methods all take {@code (name[, version, ...])}.
   */
  private static CredentialOperation operation(String vaultUrl, Object[] arguments) {
    String vault = vaultUrl.endsWith("/") ? vaultUrl.substring(0, vaultUrl.length() - 1) : vaultUrl;
    Object version = arguments.length > 1 ? arguments[1] : null;
    String id =
        vault
            + "/secrets/"
            + arguments[0]
            + (version instanceof String text && !text.isEmpty() ? "/" + text : "");
    return CredentialOperation.fetch(PROVIDER, id).on(String.valueOf(arguments[0]));
  }
}
