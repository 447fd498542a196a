package dev.custody.core;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An operation a library runs while its caller waits (a credential fetch, a Vault call, a policy
 * decision): its span, current on the starting thread until the call returns, so the library's own
 * spans (its HTTP or gRPC call) are its children, and ended once, on whichever thread sees the end
 * first.
 */
public final class RunningOperation<REQUEST, RESULT> {

  private final OperationSpans<REQUEST, RESULT> spans;
  private final REQUEST request;
  private final Context context;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Thread startedOn = Thread.currentThread();
  private Scope scope; // touched on the starting thread only

  private RunningOperation(
      OperationSpans<REQUEST, RESULT> spans, REQUEST request, Context context) {
    this.spans = spans;
    this.request = request;
    this.context = context;
  }

  /**
   * Starts {@code request} under the current context and makes its span current; null when
   * suppressed.
   */
  public static <REQUEST, RESULT> RunningOperation<REQUEST, RESULT> start(
      OperationSpans<REQUEST, RESULT> spans, REQUEST request) {
    return start(spans, Context.current(), request, UnaryOperator.identity());
  }

  /**
   * Starts {@code request} under {@code parent} and makes current what {@code current} makes of its
   * span's context (the context with what nested calls should find in it); null when suppressed.
   */
  public static <REQUEST, RESULT> RunningOperation<REQUEST, RESULT> start(
      OperationSpans<REQUEST, RESULT> spans,
      Context parent,
      REQUEST request,
      UnaryOperator<Context> current) {
    Context context = spans.start(parent, request);
    if (context == null) {
      return null;
    }
    RunningOperation<REQUEST, RESULT> operation = new RunningOperation<>(spans, request, context);
    operation.scope = current.apply(context).makeCurrent();
    return operation;
  }

  public REQUEST request() {
    return request;
  }

  /** The context of the operation's span. */
  public Context context() {
    return context;
  }

  /**
   * The call returned: the span is no longer current on the starting thread, though it may end
   * elsewhere. Does nothing on any other thread, whose current context is not the operation's to
   * restore.
   */
  public void leave() {
    if (scope != null && Thread.currentThread() == startedOn) {
      scope.close();
      scope = null;
    }
  }

  /** True once the span ended. */
  public boolean ended() {
    return ended.get();
  }

  /**
   * The call returned on the starting thread, with its result or the error its caller gets: the
   * span ends.
   */
  public void returned(RESULT result, Throwable error) {
    leave();
    end(result, error);
  }

  /**
   * Ends the span with the operation's result, or the error its caller got, on any thread; only the
   * first end counts. Leaves the span current where it is: the starting thread {@link #leave}s when
   * the call returns.
   */
  public void end(RESULT result, Throwable error) {
    endWith(context -> spans.end(context, request, result, error));
  }

  /**
   * Ends the span by {@code ending} it (a failure the library answered rather than threw); only the
   * first end counts.
   */
  public void endWith(Consumer<Context> ending) {
    if (ended.compareAndSet(false, true)) {
      ending.accept(context);
    }
  }
}
