package dev.custody.core.cases;

import dev.custody.bootstrap.YieldingScopes;
import dev.custody.core.genai.GenAiMessage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running tool loop of an application (see {@link ToolLoopCases}): its case root, current on
 * the thread that opened it until it ends, and the tool calls the model asked for in it, so that
 * the next call sending their results back is known to continue it.
 */
public final class ToolLoop {

  /**
   * Enough for any loop: only a call answering one of the latest requests needs to be recognised.
   */
  static final int REMEMBERED_CALLS = 256;

  private final AgentCases cases;
  private final AgentInvocation invocation;
  private final Context context;
  private final Thread owner = Thread.currentThread();
  private final Set<String> requestedCallIds = new LinkedHashSet<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private boolean requestedCallsWithoutIds;
  private Scope scope;

  ToolLoop(AgentCases cases, AgentInvocation invocation, ContextKey<ToolLoop> key) {
    this.cases = cases;
    this.invocation = invocation;
    this.context = invocation.context().with(key, this);
  }

  /**
   * Makes the loop current on this thread, its owner, until it ends or the scope around it closes.
   */
  void enter() {
    scope = context.makeCurrent();
    YieldingScopes.push(context, this::giveWay);
  }

  /** True when {@code answeredCallIds} answer tool calls this loop's model asked for. */
  synchronized boolean isContinuedBy(List<String> answeredCallIds) {
    if (ended.get() || answeredCallIds.isEmpty()) {
      return false;
    }
    if (requestedCallsWithoutIds) {
      return true;
    }
    return answeredCallIds.stream().anyMatch(requestedCallIds::contains);
  }

  synchronized void requested(List<GenAiMessage.Part> calls) {
    for (GenAiMessage.Part call : calls) {
      String id = call.id();
      if (id == null || id.isEmpty()) {
        requestedCallsWithoutIds = true;
      } else {
        requestedCallIds.add(id);
      }
    }
    var oldest = requestedCallIds.iterator();
    while (requestedCallIds.size() > REMEMBERED_CALLS) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Ends the loop, from any thread; on its owner thread, while current there, it also stops being
   * current.
   */
  void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      cases.end(invocation, error);
    }
    leave();
  }

  /**
   * On the owner thread, makes way for the next task: ends the loop unless it has ended, and leaves
   * it. False when this thread cannot leave it (another thread, or a context started inside the
   * loop is current).
   */
  boolean makeWayForNextTask() {
    if (!isCurrentOnOwner()) {
      return false;
    }
    end(new UnansweredToolCalls("the thread started another task"));
    return true;
  }

  private void giveWay() {
    end(new UnansweredToolCalls("the work it ran in ended"));
  }

  private void leave() {
    if (isCurrentOnOwner()) {
      YieldingScopes.remove(context);
      scope.close();
      scope = null;
    }
  }

  private boolean isCurrentOnOwner() {
    return Thread.currentThread() == owner && scope != null && Context.current() == context;
  }
}
