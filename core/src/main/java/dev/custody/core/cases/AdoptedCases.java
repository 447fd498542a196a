package dev.custody.core.cases;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.core.credentials.CaseAuthority;
import dev.custody.core.policy.CasePolicy;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * Cases whose root span the framework makes itself (Google ADK's {@code invoke_agent}): Custody
 * adds to that span what its own {@code invoke_agent} carries rather than start a second one for
 * the same invocation. The case opens where the task comes in, before the framework's first span,
 * so that every span of the task carries the case id; the first agent span started in it becomes
 * its root.
 */
public final class AdoptedCases {

  private static final CaseAttributesExtractor ATTRIBUTES = new CaseAttributesExtractor();

  private AdoptedCases() {}

  /**
   * The context a framework task runs in: a new case awaiting its root span, with its id in baggage
   * (inherited when the context or the message it processes brought one), or {@code parent} itself
   * inside a running invocation.
   *
   * @param defaultObjective what the agent was asked to do when it states no instruction
   */
  public static Context open(Context parent, String agentName, String defaultObjective) {
    if (parent.get(AgentInvocation.KEY) != null) {
      return parent;
    }
    AgentInvocation invocation = new AgentInvocation(agentName, defaultObjective, true);
    Context inCase = CaseIds.withCaseId(UpstreamCases.adopt(parent));
    return CaseRecords.startCaseAwaitingRoot(inCase).with(AgentInvocation.KEY, invocation);
  }

  /**
   * Makes {@code span}, an agent span the framework just started in {@code current}, the root of
   * the case {@code current} awaits one for; null when there is none or it has its root.
   */
  public static AgentInvocation adoptRoot(Context current, Span span) {
    AgentInvocation invocation = current.get(AgentInvocation.KEY);
    if (invocation == null || !invocation.caseRoot() || !invocation.adopt(current.with(span))) {
      return null;
    }
    AttributesBuilder attributes = Attributes.builder();
    ATTRIBUTES.onStart(attributes, current, invocation);
    span.setAllAttributes(attributes.build());
    CaseRecord record = CaseRecords.of(current);
    if (record != null) {
      record.rootIs(span);
    }
    return invocation;
  }

  /** Writes the case's verdicts on its root, which the framework ends. */
  public static void endRoot(AgentInvocation invocation, Throwable error) {
    Context context = invocation.context();
    Span root = Span.fromContext(context);
    CaseRecord record = CaseRecords.of(context);
    if (record != null) {
      CaseAuthority.recordOn(root, record);
      CasePolicy.recordOn(root, record);
      record.ended();
    }
    AttributesBuilder attributes = Attributes.builder();
    ATTRIBUTES.onEnd(attributes, context, invocation, null, error);
    root.setAllAttributes(attributes.build());
  }
}
