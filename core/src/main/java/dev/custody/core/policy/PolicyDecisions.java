package dev.custody.core.policy;

import static dev.custody.core.CustodyAttributes.OPERATION_POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.core.AgentInternals;
import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.OperationSpans;
import dev.custody.core.cases.CaseRecords;
import dev.custody.core.genai.ToolCallContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import java.time.Instant;

/**
 * Policy decisions: a {@code policy_decision {engine}} INTERNAL span per question to a policy
 * engine, a child of whatever asked; the engine's own call (an HTTP request) is its child. Each
 * decision counts for its case (the case root gets the last one, the count, and whether any denied)
 * and marks the tool call that asked for it. One instance per instrumented library.
 */
public final class PolicyDecisions implements OperationSpans<PolicyQuery, PolicyVerdict> {

  private final Instrumenter<PolicyQuery, PolicyVerdict> instrumenter;

  public PolicyDecisions(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<PolicyQuery, PolicyVerdict>builder(
                instrumentationName, query -> OPERATION_POLICY_DECISION + " " + query.engine())
            .addAttributesExtractor(new PolicyAttributesExtractor())
            .setSpanStatusExtractor(
                CustodyInstrumenters.errorWhen(verdict -> verdict.errorType() != null))
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
  }

  /** Starts a decision under {@code parent}; null when tracing is suppressed there. */
  @Override
  public Context start(Context parent, PolicyQuery query) {
    return CustodyInstrumenters.start(instrumenter, parent, query);
  }

  @Override
  public void end(Context context, PolicyQuery query, PolicyVerdict verdict, Throwable error) {
    count(context, verdict, error);
    instrumenter.end(context, query, verdict, error);
  }

  /**
   * Records a decision seen only once answered (an SDK reports a call when it is done), as begun at
   * {@code start}.
   */
  public void record(
      Context parent, PolicyQuery query, Instant start, PolicyVerdict verdict, Throwable error) {
    if (instrumenter.shouldStart(parent, query)) {
      Context context =
          AgentInternals.startAndEnd(
              instrumenter, parent, query, verdict, error, start, Instant.now());
      count(context, verdict, error);
    }
  }

  /**
   * A decision counts for its case, and marks the tool call that asked; a failure to decide does
   * neither.
   */
  private static void count(Context context, PolicyVerdict verdict, Throwable error) {
    if (error != null || verdict == null || verdict.decision() == null) {
      return;
    }
    boolean denies = PolicyVerdict.DENY.equals(verdict.decision());
    CaseRecord record = CaseRecords.of(context);
    if (record != null) {
      record.decided(verdict.decision(), denies);
    }
    Span toolCall = ToolCallContexts.toolCallOf(context);
    toolCall.setAttribute(POLICY_DECISION, verdict.decision());
    if (denies) {
      toolCall.setAttribute(POLICY_DENIED, true);
    }
  }
}
