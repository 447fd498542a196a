package dev.custody.instrumentation.azure;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.instrumentation.reactor.RecordingFlux;
import io.opentelemetry.context.Context;
import reactor.core.publisher.Flux;

/**
 * An asynchronous secret read: each subscription is a fetch, its span current while the SDK's read
 * is set up.
 */
final class SecretFetchFlux extends RecordingFlux<Object, SecretFetchFlux.Fetch> {

  /** One subscription's fetch and the secret it received. */
  static final class Fetch {
    final Context context;
    KeyVaultSecret secret;

    Fetch(Context context) {
      this.context = context;
    }
  }

  private final Context parent = Context.current();
  private final CredentialSpans spans;
  private final CredentialOperation operation;

  SecretFetchFlux(Flux<?> read, CredentialSpans spans, CredentialOperation operation) {
    super(read);
    this.spans = spans;
    this.operation = operation;
  }

  @Override
  protected Fetch start() {
    Context context = spans.start(parent, operation);
    return context == null ? null : new Fetch(context);
  }

  @Override
  protected Context context(Fetch fetch) {
    return fetch.context;
  }

  @Override
  protected void next(Fetch fetch, Object result) {
    fetch.secret = KeyVaultSecrets.secretOf(result);
  }

  @Override
  protected void end(Fetch fetch, Throwable error) {
    CredentialSpans.Obtained obtained =
        error == null && fetch.secret != null ? KeyVaultSecrets.obtained(fetch.secret) : null;
    spans.end(fetch.context, operation, obtained, error);
  }
}
