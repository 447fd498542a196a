package dev.custody.extension.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.MESSAGING_DESTINATION_NAME;
import static dev.custody.core.CustodyAttributes.MESSAGING_MESSAGE_CONVERSATION_ID;
import static dev.custody.core.CustodyAttributes.MESSAGING_SYSTEM;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.cases.AgentCases;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CutChainSpanProcessorTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void registerSdk() {
    GlobalOpenTelemetry.resetForTest();
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(new CutChainSpanProcessor())
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .buildAndRegisterGlobal();
  }

  @AfterEach
  void close() {
    sdk.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void aCaseRootOnAMessageFromNoCaseCarriesTheMessagesIds() {
    SpanData root = caseRootProcessing(Context.root());

    assertThat(root.getAttributes().get(MESSAGING_SYSTEM)).isEqualTo("jms");
    assertThat(root.getAttributes().get(MESSAGING_DESTINATION_NAME)).isEqualTo("orders");
    assertThat(root.getAttributes().get(MESSAGING_MESSAGE_CONVERSATION_ID)).isEqualTo("A-17");
    assertThat(root.getAttributes().get(RECORD_COMPLETE)).isFalse();
    assertThat(root.getAttributes().get(RECORD_MISSING)).contains("upstream_case");
    assertThat(root.getTotalAttributeCount())
        .as("each set once")
        .isEqualTo(root.getAttributes().size());
  }

  @Test
  void aCaseRootOnAMessageFromACaseLeavesTheMessageToItsSpan() {
    Context fromCase =
        Context.root()
            .with(Baggage.builder().put(CASE_ID_KEY, "0af7651916cd43dd8448eb211c80319c").build());

    SpanData root = caseRootProcessing(fromCase);

    assertThat(root.getAttributes().get(MESSAGING_SYSTEM)).isNull();
    assertThat(root.getAttributes().get(RECORD_MISSING)).doesNotContain("upstream_case");
  }

  /** The case root of an agent run while the agent's JMS instrumentation processes a message. */
  private SpanData caseRootProcessing(Context extracted) {
    Span process =
        sdk.getTracer("test")
            .spanBuilder("orders process")
            .setParent(extracted)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(MESSAGING_SYSTEM, "jms")
            .setAttribute(MESSAGING_DESTINATION_NAME, "orders")
            .setAttribute(MESSAGING_MESSAGE_CONVERSATION_ID, "A-17")
            .startSpan();
    AgentCases cases = new AgentCases("test");
    try (Scope ignored =
        SpanKey.CONSUMER_PROCESS.storeInContext(extracted.with(process), process).makeCurrent()) {
      cases.end(cases.start("OrderDesk", "OrderDesk.chat"), null);
    } finally {
      process.end();
    }
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals("invoke_agent OrderDesk"))
        .findFirst()
        .orElseThrow();
  }
}
