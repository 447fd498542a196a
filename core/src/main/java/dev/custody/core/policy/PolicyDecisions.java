package dev.custody.core.policy;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.PolicyTally;
import dev.custody.core.AgentInternals;
import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.OperationSpans;
import dev.custody.core.cases.CaseRecords;
import dev.custody.core.genai.ToolCallContexts;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import java.time.Instant;
import java.util.List;

/**
 * Policy decisions: a {@code policy_decision {engine} {target}} INTERNAL span per question to a
 * policy engine, a child of whatever asked; the engine's own call (an HTTP request) is its child.
 * Each decision counts for its case (the case root gets the counts per outcome and the policies
 * that denied) and for the tool call that asked for it (a deny makes it an error). One instance per
 * instrumented library.
 */
public final class PolicyDecisions implements OperationSpans<PolicyQuery, PolicyVerdict> {

  private final Instrumenter<PolicyQuery, PolicyVerdict> instrumenter;

  public PolicyDecisions(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<PolicyQuery, PolicyVerdict>builder(
                instrumentationName, PolicyQuery::spanName)
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
    count(context, query, verdict, error);
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
      count(context, query, verdict, error);
    }
  }

  /**
   * A decision counts for its case and for the tool call that asked; a failure to decide for
   * neither.
   */
  private static void count(
      Context context, PolicyQuery query, PolicyVerdict verdict, Throwable error) {
    if (error != null || verdict == null || verdict.decision() == null) {
      return;
    }
    List<String> policies = policiesOf(query, verdict);
    CaseRecord record = CaseRecords.of(context);
    if (record != null) {
      record.decisions().decided(verdict.decision(), policies);
    }
    PolicyTally toolCall = ToolCallContexts.decisionsOf(context);
    if (toolCall != null) {
      toolCall.decided(verdict.decision(), policies);
    }
  }

  /**
   * The policies that decided, as the engine names them (Cedar's and Verified Permissions' policy
   * ids), else the one asked for (an OPA document path).
   */
  private static List<String> policiesOf(PolicyQuery query, PolicyVerdict verdict) {
    if (verdict.policyId() != null) {
      return List.of(verdict.policyId().split(","));
    }
    return query.policyId() != null ? List.of(query.policyId()) : List.of();
  }
}
