package dev.custody.core.genai;

import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiClientMetrics;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiSpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;

/**
 * Model turns: a {@code chat {model}} CLIENT span per call, with the GenAI semantic-convention
 * attributes and token metrics, the messages per content policy, and the tool calls the model asked
 * for, remembered so the tools' spans can link back to it. One instance per instrumented library.
 */
public final class ModelCalls {

  private final Instrumenter<ModelRequest, ModelResponse> instrumenter;

  public ModelCalls(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<ModelRequest, ModelResponse>builder(
                instrumentationName,
                GenAiSpanNameExtractor.create(ModelCallAttributesGetter.INSTANCE))
            .addAttributesExtractor(
                GenAiAttributesExtractor.create(ModelCallAttributesGetter.INSTANCE))
            .addAttributesExtractor(new ModelCallAttributesExtractor())
            .addOperationMetrics(GenAiClientMetrics.get())
            .buildInstrumenter(SpanKindExtractor.alwaysClient());
  }

  /**
   * Starts a model turn under {@code parent}; null when tracing is suppressed there (a nested model
   * call).
   */
  public Context start(Context parent, ModelRequest request) {
    return CustodyInstrumenters.start(instrumenter, parent, request);
  }

  public void end(Context context, ModelRequest request, ModelResponse response, Throwable error) {
    if (response != null) {
      for (GenAiMessage.Part call : response.requestedToolCalls()) {
        toolCallRequested(context, call.id());
      }
    }
    instrumenter.end(context, request, response, error);
  }

  /**
   * A tool call the model asked for while its answer still streams in: remembered now, as
   * frameworks may start the tool before the answer is complete. {@link #end} remembers every
   * requested call anyway.
   */
  public void toolCallRequested(Context context, String callId) {
    String caseId = CaseIds.fromContext(context);
    if (caseId != null && callId != null) {
      ToolCallLinks.remember(caseId, callId, Span.fromContext(context).getSpanContext());
    }
  }
}
