package dev.custody.extension.identity;

import static dev.custody.core.CustodyAttributes.ENDUSER_ID;
import static dev.custody.core.CustodyAttributes.ESCALATION_OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.exporter.SdkInternals;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EscalationAnswerersTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SdkInternals.onEnding(EscalationAnswerers::ending))
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final Instrumenter<String, Void> server =
      Instrumenter.<String, Void>builder(sdk, "test", request -> request)
          .addAttributesExtractor(AttributesExtractor.constant(ENDUSER_ID, "alice"))
          .buildInstrumenter(SpanKindExtractor.alwaysServer());

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void anEscalationAnsweredOnARequestNamesItsEndUser() {
    Span escalation = escalation();
    Context request = server.start(Context.root(), "POST /approve");
    try (Scope ignored = request.makeCurrent()) {
      escalation.setAttribute(ESCALATION_OUTCOME, "approved").end();
    }
    server.end(request, "POST /approve", null, null);

    assertThat(finished("escalation interrupt").getAttributes().get(ENDUSER_ID)).isEqualTo("alice");
  }

  @Test
  void anEscalationAnsweredOutsideARequestOrStillOpenNamesNoOne() {
    escalation().setAttribute(ESCALATION_OUTCOME, "timed_out").end();
    Context request = server.start(Context.root(), "POST /other");
    try (Scope ignored = request.makeCurrent()) {
      sdk.getTracer("test").spanBuilder("escalation unanswered").startSpan().end();
    }
    server.end(request, "POST /other", null, null);

    assertThat(finished("escalation interrupt").getAttributes().get(ENDUSER_ID)).isNull();
    assertThat(finished("escalation unanswered").getAttributes().get(ENDUSER_ID)).isNull();
  }

  private Span escalation() {
    return sdk.getTracer("test").spanBuilder("escalation interrupt").setNoParent().startSpan();
  }

  private SpanData finished(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
