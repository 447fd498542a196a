package dev.custody.extension.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestCaseSpanProcessorTest {

  private static final String CASE = "0af7651916cd43dd8448eb211c80319c";
  private static final String OTHER_CASE = "1bf7651916cd43dd8448eb211c80319d";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(new RequestCaseSpanProcessor())
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final Instrumenter<String, Void> server =
      Instrumenter.<String, Void>builder(sdk, "test", request -> request)
          .buildInstrumenter(SpanKindExtractor.alwaysServer());

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void theRequestThatStartsACaseNamesItAndItsAgentOnItsServerSpan() {
    Context request = server.start(Context.root(), "POST /desk");
    caseRoot(request, CASE);
    caseRoot(request, OTHER_CASE);
    server.end(request, "POST /desk", null, null);

    SpanData serverSpan = finished("POST /desk");
    assertThat(serverSpan.getAttributes().get(CASE_ID)).as("the first case").isEqualTo(CASE);
    assertThat(serverSpan.getAttributes().get(GEN_AI_AGENT_NAME)).isEqualTo("OrdersDesk");
    assertThat(serverSpan.getTotalAttributeCount())
        .as("each set once")
        .isEqualTo(serverSpan.getAttributes().size());
  }

  @Test
  void aSpanThatIsNoCaseRootLeavesTheRequestAsItIs() {
    Context request = server.start(Context.root(), "GET /health");
    sdk.getTracer("test").spanBuilder("SELECT").setParent(inCase(request, CASE)).startSpan().end();
    server.end(request, "GET /health", null, null);

    assertThat(finished("GET /health").getAttributes().get(CASE_ID)).isNull();
  }

  private void caseRoot(Context request, String caseId) {
    sdk.getTracer("test")
        .spanBuilder("invoke_agent OrdersDesk")
        .setParent(inCase(request, caseId))
        .setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent")
        .setAttribute(GEN_AI_AGENT_NAME, "OrdersDesk")
        .setAttribute(WORKLOAD_ID, "spiffe://example.org/desk")
        .startSpan()
        .end();
  }

  private static Context inCase(Context context, String caseId) {
    return context.with(Baggage.builder().put(CASE_ID_KEY, caseId).build());
  }

  private SpanData finished(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
