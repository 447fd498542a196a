package dev.custody.core.escalations;

import static dev.custody.core.CustodyAttributes.OPERATION_ESCALATION;

import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.cases.CaseRecords;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;

/**
 * Escalations: an agent asked a human to decide. An {@code escalation {kind}} INTERNAL span, a
 * child of what asked, from the question to the answer, which may come much later on another thread
 * or request. The case root that asked counts it; the one that answered counts its outcome ({@link
 * CaseEscalations}). One instance per instrumented library.
 */
public final class Escalations {

  private final Instrumenter<EscalationRequest, String> instrumenter;

  public Escalations(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<EscalationRequest, String>builder(
                instrumentationName, request -> OPERATION_ESCALATION + " " + request.kind())
            .addAttributesExtractor(new EscalationAttributesExtractor())
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
  }

  /**
   * Starts the escalation under {@code asker}, what asked, and counts it for its case.
   *
   * @param kind what kind of question: {@code interrupt} for a graph that stopped for a human,
   *     {@code elicitation} for an MCP server that asked its client's user
   * @param question what the human is asked, captured per the content policy
   * @param asked who was asked, or null when unknown
   * @return the open escalation, or null when tracing is suppressed there
   */
  public Escalation ask(Context asker, String kind, String question, String asked) {
    EscalationRequest request = new EscalationRequest(kind, question, asked, System.nanoTime());
    Context context = CustodyInstrumenters.start(instrumenter, asker, request);
    if (context == null) {
      return null;
    }
    Escalation escalation = new Escalation(this, context, request, asker, CaseRecords.of(asker));
    CaseEscalations.asked(escalation.askingCase());
    return escalation;
  }

  void end(Escalation escalation, String outcome) {
    instrumenter.end(escalation.context(), escalation.request(), outcome, null);
  }
}
