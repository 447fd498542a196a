package dev.custody.instrumentation;

import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One credential fetch a library makes while its caller waits: Custody's {@code fetch {provider}} span, current on
 * the calling thread until the call returns, so the library's own spans (its HTTP or gRPC call) are its children.
 */
public final class CredentialFetch {

  private final CredentialSpans spans;
  private final CredentialOperation operation;
  private final Context context;
  private Scope scope;

  private CredentialFetch(CredentialSpans spans, CredentialOperation operation, Context context) {
    this.spans = spans;
    this.operation = operation;
    this.context = context;
    this.scope = context.makeCurrent();
  }

  /** Starts the fetch under the current context; null when tracing is suppressed there. */
  public static CredentialFetch start(CredentialSpans spans, CredentialOperation operation) {
    Context context = spans.start(Context.current(), operation);
    return context == null ? null : new CredentialFetch(spans, operation, context);
  }

  /** The call returned: the span is no longer current here, though the fetch may still end elsewhere. */
  public void leave() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }

  /** Ends the fetch with what it obtained, or with the error the caller gets. */
  public void end(CredentialSpans.Obtained obtained, Throwable error) {
    leave();
    spans.end(context, operation, obtained, error);
  }
}
