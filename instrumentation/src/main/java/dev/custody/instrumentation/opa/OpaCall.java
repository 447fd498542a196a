package dev.custody.instrumentation.opa;

import dev.custody.core.policy.PolicyDecisions;
import dev.custody.core.policy.PolicyQuery;
import dev.custody.core.policy.PolicyVerdict;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One OPA decision in flight: its {@code policy_decision opa} span, current while the HTTP client sends (so the
 * client's span is its child), ended once the client has handed the response over and the answer has been read, in
 * whichever order the client does them, or at once when the call fails.
 */
final class OpaCall {

  static final String ENGINE = "opa";

  private static final PolicyDecisions DECISIONS =
      new PolicyDecisions(OpaJdkHttpClientInstrumentationModule.INSTRUMENTATION_NAME);

  private static final int RETURNED = 1;
  private static final int ANSWERED = 2;

  private final Context context;
  private final PolicyQuery query;
  private final OpaRequest request;
  private final AtomicInteger seen = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile PolicyVerdict verdict;
  private Scope scope;

  private OpaCall(Context context, PolicyQuery query, OpaRequest request) {
    this.context = context;
    this.query = query;
    this.request = request;
  }

  /** Starts the decision {@code request} asks for in the current context and makes it current; null if suppressed. */
  static OpaCall start(OpaRequest request) {
    PolicyQuery query = new PolicyQuery(ENGINE, null, request.policyId(), request.input());
    Context context = DECISIONS.start(Context.current(), query);
    if (context == null) {
      return null;
    }
    OpaCall call = new OpaCall(context, query, request);
    call.scope = context.makeCurrent();
    return call;
  }

  /** OPA's answer, read in full ({@code complete}) or cut at {@link OpaRequest#MAX_BODY}. */
  void answered(int status, byte[] body, boolean complete) {
    verdict = OpaAnswers.verdict(request, status, body, complete);
    if (see(ANSWERED)) {
      end(verdict, null);
    }
  }

  /** The client call returns, on the thread that started it: the span stops being current there. */
  void leave() {
    scope.close();
  }

  /** The client has handed the response over (an asynchronous call: completed its future). */
  void returned() {
    if (see(RETURNED)) {
      end(verdict, null);
    }
  }

  void failed(Throwable error) {
    end(null, error);
  }

  private boolean see(int event) {
    return seen.accumulateAndGet(event, (before, now) -> before | now) == (RETURNED | ANSWERED);
  }

  private void end(PolicyVerdict answer, Throwable error) {
    if (ended.compareAndSet(false, true)) {
      DECISIONS.end(context, query, answer, error);
    }
  }
}
