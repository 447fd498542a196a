package dev.custody.core.cases;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.credentials.CaseAuthority;
import dev.custody.core.escalations.CaseEscalations;
import dev.custody.core.policy.CasePolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;

/**
 * Starts and ends agent invocations: the {@code invoke_agent {name}} span, with the case id minted
 * (or inherited) in baggage so every span started inside the case carries it. One instance per
 * instrumented library.
 */
public final class AgentCases {

  private final Instrumenter<AgentInvocation, Object> instrumenter;

  public AgentCases(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<AgentInvocation, Object>builder(
                instrumentationName, AgentInvocation::spanName)
            .addAttributesExtractor(new CaseAttributesExtractor())
            .addSpanLinksExtractor(
                (links, parentContext, invocation) -> {
                  if (invocation.caseRoot()) {
                    UpstreamCases.link(parentContext, links);
                  }
                })
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
  }

  /**
   * Starts an invocation in the current context and makes it current.
   *
   * @param defaultObjective what the agent was asked to do when the framework has no system
   *     message, such as the interface and method name
   * @return the running invocation, or null when tracing is suppressed here
   */
  public AgentInvocation start(String agentName, String defaultObjective) {
    return start(Context.current(), agentName, defaultObjective);
  }

  /**
   * Starts an invocation on work another agent handed over (an A2A task), in the current context,
   * and makes it current: a case root that came without a case id opens its own and says the chain
   * of cases is cut ({@code upstream_case}).
   *
   * @return the running invocation, or null when tracing is suppressed here
   */
  public AgentInvocation startHandedOff(String agentName, String defaultObjective) {
    return start(UpstreamCases.handedOff(Context.current()), agentName, defaultObjective);
  }

  private AgentInvocation start(Context parent, String agentName, String defaultObjective) {
    AgentInvocation invocation =
        new AgentInvocation(agentName, defaultObjective, parent.get(AgentInvocation.KEY) == null);
    Context inCase =
        CaseIds.withCaseId(invocation.caseRoot() ? UpstreamCases.adopt(parent) : parent);
    Context span = CustodyInstrumenters.start(instrumenter, inCase, invocation);
    if (span == null) {
      return null;
    }
    Context started = span.with(AgentInvocation.KEY, invocation);
    invocation.begin(invocation.caseRoot() ? CaseRecords.startCase(started) : started);
    return invocation;
  }

  /**
   * Ends the invocation; on the thread that started it, also leaves its context (see {@link
   * AgentInvocation#releaseScope}).
   */
  public void end(AgentInvocation invocation, Throwable error) {
    invocation.releaseScope();
    CaseRecord record = invocation.caseRoot() ? CaseRecords.of(invocation.context()) : null;
    if (record != null) {
      CaseAuthority.recordOn(Span.fromContext(invocation.context()), record);
      CasePolicy.recordOn(Span.fromContext(invocation.context()), record);
      CaseEscalations.recordOn(Span.fromContext(invocation.context()), record);
      record.ended();
    }
    instrumenter.end(invocation.context(), invocation, null, error);
  }
}
