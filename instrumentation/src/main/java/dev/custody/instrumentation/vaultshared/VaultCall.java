package dev.custody.instrumentation.vaultshared;

import dev.custody.core.RunningOperation;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.function.Supplier;

/**
 * A Vault operation running on this thread, as a span current until the operation returns, so that
 * its HTTP call is the span's child and the library calls nested in it can tell it what they see
 * (an entity id, a failure the library swallows).
 */
public final class VaultCall {

  private static final ContextKey<VaultCall> KEY = ContextKey.named("custody-vault-call");

  private final CredentialSpans spans;
  private RunningOperation<CredentialOperation, Obtained> running;
  private volatile String entityId;
  private volatile Throwable swallowedFailure;

  private VaultCall(CredentialSpans spans) {
    this.spans = spans;
  }

  /**
   * Starts the operation's span under {@code parent} and makes it current; null when tracing is
   * suppressed there.
   */
  public static VaultCall start(
      CredentialSpans spans, Context parent, CredentialOperation operation) {
    VaultCall call = new VaultCall(spans);
    call.running =
        RunningOperation.start(spans, parent, operation, context -> context.with(KEY, call));
    return call.running == null ? null : call;
  }

  /** The operation running on this thread, or null. */
  public static VaultCall current() {
    return Context.current().get(KEY);
  }

  public CredentialOperation operation() {
    return running.request();
  }

  /** The identity entity the login returned, as a nested call read it; null if none did. */
  public String entityId() {
    return entityId;
  }

  public void entityId(String entityId) {
    this.entityId = entityId;
  }

  /**
   * A failure the library caught and reported without throwing it: the operation failed all the
   * same.
   */
  public void swallowedFailure(Throwable failure) {
    swallowedFailure = failure;
  }

  /**
   * Ends the span with what {@code answer} reads from the library's answer. An answer it cannot
   * read (a library version that differs) obtains nothing, and the span ends all the same.
   */
  public void end(Supplier<Obtained> answer) {
    Obtained obtained;
    try {
      obtained = answer.get();
    } catch (RuntimeException | LinkageError unreadable) {
      obtained = null;
    }
    end(obtained, null);
  }

  /**
   * Ends the span: what the operation obtained, or its error (thrown, else one the library
   * swallowed).
   */
  public void end(Obtained obtained, Throwable error) {
    Throwable failure = error != null ? error : swallowedFailure;
    running.returned(failure == null ? obtained : null, failure);
  }

  /**
   * Ends the span as failed with the status Vault answered, which the library handed over as a
   * response.
   */
  public void failWithStatus(int status) {
    running.leave();
    running.endWith(
        context ->
            spans.fail(
                context,
                running.request(),
                String.valueOf(status),
                "Vault answered HTTP " + status));
  }
}
