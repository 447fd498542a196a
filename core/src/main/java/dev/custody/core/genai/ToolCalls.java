package dev.custody.core.genai;

import static dev.custody.core.CustodyAttributes.OPERATION_EXECUTE_TOOL;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_ERROR;

import dev.custody.bootstrap.PolicyTally;
import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksBuilder;

/**
 * Tool calls: an {@code execute_tool {tool}} INTERNAL span per execution, a child of whatever runs
 * it (the case root, on any thread the context reaches) and linked to the model turn that asked for
 * it. A failure the framework swallowed into a text result still marks the span as an error, and so
 * does a policy that denied inside the call ({@code policy_denied}): the tool did not do what was
 * asked. One instance per instrumented library.
 */
public final class ToolCalls {

  private final Instrumenter<ToolCallRequest, ToolCallOutcome> instrumenter;

  public ToolCalls(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<ToolCallRequest, ToolCallOutcome>builder(
                instrumentationName, call -> OPERATION_EXECUTE_TOOL + " " + call.name())
            .addAttributesExtractor(new ToolCallAttributesExtractor())
            .addSpanLinksExtractor(ToolCalls::linkToRequester)
            .setSpanStatusExtractor(CustodyInstrumenters.errorWhen(ToolCallOutcome::failed))
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
  }

  /** Starts a tool call under {@code parent}; null when tracing is suppressed there. */
  public Context start(Context parent, ToolCallRequest call) {
    Context started = CustodyInstrumenters.start(instrumenter, parent, call);
    return started == null ? null : ToolCallContexts.mark(started);
  }

  public void end(Context context, ToolCallRequest call, ToolCallOutcome outcome, Throwable error) {
    PolicyTally decisions = ToolCallContexts.decisionsOf(context);
    if (decisions != null && decisions.summary().denied() > 0) {
      // A failure of the tool's own, set by the status extractor, replaces this.
      Span.fromContext(context).setStatus(StatusCode.ERROR, POLICY_DENIED_ERROR);
    }
    instrumenter.end(context, call, outcome, error);
  }

  private static void linkToRequester(
      SpanLinksBuilder links, Context parent, ToolCallRequest call) {
    String caseId = CaseIds.fromContext(parent);
    if (caseId == null || call.id() == null) {
      return;
    }
    SpanContext requester = ToolCallLinks.requester(caseId, call.id());
    if (requester != null) {
      links.addLink(requester);
    }
  }
}
