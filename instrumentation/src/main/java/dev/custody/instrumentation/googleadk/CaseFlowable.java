package dev.custody.instrumentation.googleadk;

import dev.custody.core.cases.AdoptedCases;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.reactivex.rxjava3.core.Flowable;
import org.reactivestreams.Subscriber;

/**
 * A runner's events, subscribed to in the task's case: ADK starts its spans when the events are
 * subscribed to, in the context current then, and carries that context on (its own {@code
 * invocation} span first), so every span of the task carries the case id.
 */
final class CaseFlowable<T> extends Flowable<T> {

  private final Flowable<T> events;
  private final String agentName;
  private final String defaultObjective;

  CaseFlowable(Flowable<T> events, String agentName, String defaultObjective) {
    this.events = events;
    this.agentName = agentName;
    this.defaultObjective = defaultObjective;
  }

  @Override
  protected void subscribeActual(Subscriber<? super T> subscriber) {
    Context caller = Context.current();
    Scope scope = null;
    try {
      scope = AdoptedCases.open(caller, agentName, defaultObjective).makeCurrent();
    } catch (Throwable t) {
      // Custody failed: the task runs as it would without it.
    }
    try {
      events.subscribe(subscriber);
    } finally {
      if (scope != null) {
        scope.close();
        giveBack(caller);
      }
    }
  }

  /**
   * ADK leaves its spans current on the thread that subscribed (it closes their scopes where they
   * complete, on another thread, which changes nothing here): the caller gets back the context it
   * subscribed in, else its next task would run inside this one's case and trace.
   */
  @SuppressWarnings("MustBeClosedChecker")
  private static void giveBack(Context caller) {
    try {
      if (Context.current() != caller) {
        caller.makeCurrent();
      }
    } catch (Throwable t) {
      // Custody failed: the thread keeps what ADK left current, as it would without Custody.
    }
  }
}
