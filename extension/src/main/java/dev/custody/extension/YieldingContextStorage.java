package dev.custody.extension;

import dev.custody.bootstrap.YieldingScopes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * The agent's context storage, with one rule added: when a scope closes while a context Custody
 * left current above it is still current (see {@link YieldingScopes}), that context gives way
 * first, so the scope closes as if it had never been there. Every other attach and close behaves
 * exactly as the wrapped storage's.
 */
final class YieldingContextStorage implements ContextStorage {

  private final ContextStorage delegate;

  YieldingContextStorage(ContextStorage delegate) {
    this.delegate = delegate;
    YieldingScopes.enforce();
  }

  @Override
  public Scope attach(Context toAttach) {
    Scope scope = delegate.attach(toAttach);
    if (scope == Scope.noop()) {
      return scope;
    }
    try {
      return new GivingWayScope(scope, toAttach);
    } catch (Throwable ours) {
      // Called on the application's behalf: it gets the scope it would get without us.
      return scope;
    }
  }

  /**
   * Closes its scope; the first time, when another context is current, after asking that context to
   * give way.
   */
  private final class GivingWayScope implements Scope {

    private final Scope scope;
    private final Context attached;
    private boolean closed;

    GivingWayScope(Scope scope, Context attached) {
      this.scope = scope;
      this.attached = attached;
    }

    @Override
    public void close() {
      // A second close is the application's mistake: it must not end what is current now.
      if (!closed && delegate.current() != attached) {
        giveWay();
      }
      closed = true;
      scope.close();
    }

    private void giveWay() {
      try {
        YieldingScopes.giveWay(delegate::current);
      } catch (Throwable e) {
        // A context that failed to give way stays current: the close is then ignored, as it would
        // be without us.
      }
    }
  }

  @Override
  public Context current() {
    return delegate.current();
  }

  @Override
  public Context root() {
    return delegate.root();
  }
}
