package dev.custody.instrumentation.koog;

import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;

/**
 * The caller's continuation of one of Koog's model or tool calls, handed to the call instead of it:
 * the same, but for its context, which carries the run ({@link RunContextElement}) into every
 * coroutine and resumption of the call.
 */
final class RunContinuation implements Continuation<Object> {

  private final Continuation<Object> caller;
  private final CoroutineContext context;

  RunContinuation(Continuation<Object> caller, KoogRun run) {
    this.caller = caller;
    this.context = caller.getContext().plus(new RunContextElement(run));
  }

  @Override
  public CoroutineContext getContext() {
    return context;
  }

  @Override
  public void resumeWith(Object result) {
    caller.resumeWith(result);
  }
}
