package dev.custody.extension.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;

import dev.custody.core.cases.CaseIds;
import dev.custody.extension.OnStartSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.sdk.trace.ReadWriteSpan;

/**
 * The inbound request that starts a case names it on its SERVER span: {@code custody.case.id} and
 * the agent's {@code gen_ai.agent.name}, so the trace lists of Jaeger, Tempo and Zipkin, which show
 * the root span, show the case. The request started before the case was minted, so the agent's
 * baggage processor could not stamp it; a request that carried a case id in its baggage has it
 * already and is left as it is, as is one that started a case before (the first case names it).
 */
public final class RequestCaseSpanProcessor extends OnStartSpanProcessor {

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (!CaseRoots.isCaseRoot(span)) {
      return;
    }
    Span request = LocalRootSpan.fromContextOrNull(parentContext);
    String caseId = CaseIds.fromContext(parentContext);
    if (request instanceof ReadWriteSpan server
        && server.getKind() == SpanKind.SERVER
        && !server.hasEnded()
        && server.getAttribute(CASE_ID) == null
        && caseId != null) {
      server.setAttribute(CASE_ID, caseId);
      String agentName = span.getAttribute(GEN_AI_AGENT_NAME);
      if (agentName != null) {
        server.setAttribute(GEN_AI_AGENT_NAME, agentName);
      }
    }
  }
}
