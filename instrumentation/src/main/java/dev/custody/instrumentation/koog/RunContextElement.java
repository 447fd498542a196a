package dev.custody.instrumentation.koog;

import io.opentelemetry.context.Scope;
import kotlin.coroutines.CoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlinx.coroutines.ThreadContextElement;

/**
 * Makes a Koog run's operation in progress (its model turn or tool call, else the run) current
 * wherever a coroutine of that operation resumes: the agent's own element carries the context the
 * caller's coroutine started with, which Koog's calls never change, so Koog's clients (which switch
 * to an I/O dispatcher) would send their requests outside the case. Added after the agent's
 * element, so it is made current after it and closed before it.
 */
final class RunContextElement implements ThreadContextElement<Scope> {

  private static final Key KEY = new Key();

  private final KoogRun run;

  RunContextElement(KoogRun run) {
    this.run = run;
  }

  @Override
  public Scope updateThreadContext(CoroutineContext coroutineContext) {
    return run.current().makeCurrent();
  }

  @Override
  public void restoreThreadContext(CoroutineContext coroutineContext, Scope scope) {
    scope.close();
  }

  @Override
  public CoroutineContext.Key<?> getKey() {
    return KEY;
  }

  @Override
  public <E extends CoroutineContext.Element> E get(CoroutineContext.Key<E> key) {
    return ThreadContextElement.DefaultImpls.get(this, key);
  }

  @Override
  public <R> R fold(
      R initial, Function2<? super R, ? super CoroutineContext.Element, ? extends R> operation) {
    return ThreadContextElement.DefaultImpls.fold(this, initial, operation);
  }

  @Override
  public CoroutineContext minusKey(CoroutineContext.Key<?> key) {
    return ThreadContextElement.DefaultImpls.minusKey(this, key);
  }

  @Override
  public CoroutineContext plus(CoroutineContext other) {
    return ThreadContextElement.DefaultImpls.plus(this, other);
  }

  /** The element's key: one run per coroutine, the innermost. */
  private static final class Key implements CoroutineContext.Key<RunContextElement> {}
}
