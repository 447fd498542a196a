package dev.custody.instrumentation;

import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * A Vault operation running on this thread, as a span current until the operation returns, so that its HTTP call is
 * the span's child and the library calls nested in it can tell it what they see (an entity id, a failure the library
 * swallows).
 */
public final class VaultCall {

  private static final ContextKey<VaultCall> KEY = ContextKey.named("custody-vault-call");

  private final CredentialSpans spans;
  private final CredentialOperation operation;
  private final Context context;
  private Scope scope;
  private volatile String entityId;
  private volatile Throwable swallowedFailure;

  private VaultCall(CredentialSpans spans, CredentialOperation operation, Context context) {
    this.spans = spans;
    this.operation = operation;
    this.context = context;
  }

  /** Starts the operation's span under {@code parent} and makes it current; null when tracing is suppressed there. */
  public static VaultCall start(CredentialSpans spans, Context parent, CredentialOperation operation) {
    Context context = spans.start(parent, operation);
    if (context == null) {
      return null;
    }
    VaultCall call = new VaultCall(spans, operation, context);
    call.scope = context.with(KEY, call).makeCurrent();
    return call;
  }

  /** The operation running on this thread, or null. */
  public static VaultCall current() {
    return Context.current().get(KEY);
  }

  public CredentialOperation operation() {
    return operation;
  }

  /** The identity entity the login returned, as a nested call read it; null if none did. */
  public String entityId() {
    return entityId;
  }

  public void entityId(String entityId) {
    this.entityId = entityId;
  }

  /** A failure the library caught and reported without throwing it: the operation failed all the same. */
  public void swallowedFailure(Throwable failure) {
    swallowedFailure = failure;
  }

  /**
   * Ends the span with what {@code answer} reads from the library's answer. An answer it cannot read (a library
   * version that differs) obtains nothing, and the span ends all the same.
   */
  public void end(Supplier<CredentialSpans.Obtained> answer) {
    CredentialSpans.Obtained obtained;
    try {
      obtained = answer.get();
    } catch (RuntimeException | LinkageError unreadable) {
      obtained = null;
    }
    end(obtained, null);
  }

  /** Ends the span: what the operation obtained, or its error (thrown, else one the library swallowed). */
  public void end(CredentialSpans.Obtained obtained, Throwable error) {
    scope.close();
    Throwable failure = error != null ? error : swallowedFailure;
    spans.end(context, operation, failure == null ? obtained : null, failure);
  }

  /** Ends the span as failed with the status Vault answered, which the library handed over as a response. */
  public void failWithStatus(int status) {
    scope.close();
    spans.fail(context, operation, String.valueOf(status), "Vault answered HTTP " + status);
  }
}
