package dev.custody.instrumentation.opa;

import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.POLICY_INPUT;
import static dev.custody.core.CustodyAttributes.POLICY_INPUT_HASH;

import dev.custody.core.RunningOperation;
import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import dev.custody.core.policy.PolicyDecisions;
import dev.custody.core.policy.PolicyQuery;
import dev.custody.core.policy.PolicyVerdict;
import io.opentelemetry.api.trace.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One OPA decision in flight: its {@code policy_decision opa} span, current while the HTTP client
 * sends (so the client's span is its child), ended once the client has handed the response over and
 * the answer has been read, in whichever order the client does them, or at once when the call
 * fails. An answer the application leaves unread (a stream it neither reads to its end nor closes)
 * ends the decision as {@code unparsed} {@link #UNREAD_ANSWER_WAIT} after the response came, so
 * that no decision stays open.
 */
final class OpaCall {

  static final String ENGINE = "opa";

  private static final PolicyDecisions DECISIONS =
      new PolicyDecisions(OpaJdkHttpClientInstrumentationModule.INSTRUMENTATION_NAME);

  /**
   * How long an answer handed over as a stream may stay unread before the decision ends without it.
   */
  static final Duration UNREAD_ANSWER_WAIT = Duration.ofSeconds(30);

  private static final int RETURNED = 1;
  private static final int ANSWERED = 2;

  private final RunningOperation<PolicyQuery, PolicyVerdict> decision;
  private volatile OpaRequest request;
  private final AtomicInteger seen = new AtomicInteger();
  private volatile PolicyVerdict verdict;

  private OpaCall(RunningOperation<PolicyQuery, PolicyVerdict> decision, OpaRequest request) {
    this.decision = decision;
    this.request = request;
  }

  /**
   * Starts the decision {@code request} asks for in the current context and makes it current; null
   * if suppressed.
   */
  static OpaCall start(OpaRequest request) {
    PolicyQuery query =
        new PolicyQuery(ENGINE, null, request.policyId(), request.input(), request.nameTarget());
    RunningOperation<PolicyQuery, PolicyVerdict> decision =
        RunningOperation.start(DECISIONS, query);
    return decision == null ? null : new OpaCall(decision, request);
  }

  /**
   * The request's body, when the client lets it be read only after the decision started
   * (HttpURLConnection).
   */
  synchronized void sent(byte[] body) {
    if (request.input() != null) {
      return; // told already: the stream was closed before the response was asked for
    }
    String policyAsked = request.policyId();
    request = request.withInput(new String(body, StandardCharsets.UTF_8));
    Span span = Span.fromContext(decision.context());
    ContentPolicy.capture(ContentFamily.POLICY, request.input())
        .setOn(span, POLICY_INPUT, POLICY_INPUT_HASH);
    if (policyAsked == null && request.policyId() != null) {
      // An ad-hoc query, named by its body.
      span.setAttribute(POLICY_ID, request.policyId());
    }
  }

  /** OPA's answer, read in full ({@code complete}) or cut at {@link OpaRequest#MAX_BODY}. */
  synchronized void answered(int status, byte[] body, boolean complete) {
    if (verdict != null) {
      return; // the first answer stands: a stream closed after its end, a response whose error was
      // its answer
    }
    verdict = OpaAnswers.verdict(request, status, body, complete);
    if (see(ANSWERED)) {
      decision.end(verdict, null);
    }
  }

  /** The client call returns, on the thread that started it: the span stops being current there. */
  void leave() {
    decision.leave();
  }

  /** The client has handed the response over (an asynchronous call: completed its future). */
  void returned() {
    if (see(RETURNED)) {
      decision.end(verdict, null);
    } else if (!decision.ended()) {
      CompletableFuture.delayedExecutor(UNREAD_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> decision.end(OpaAnswers.unread(), null));
    }
  }

  void failed(Throwable error) {
    decision.end(null, error);
  }

  private boolean see(int event) {
    return seen.accumulateAndGet(event, (before, now) -> before | now) == (RETURNED | ANSWERED);
  }
}
