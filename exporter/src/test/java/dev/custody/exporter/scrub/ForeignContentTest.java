package dev.custody.exporter.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CustodySettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForeignContentTest {

  private static final AttributeKey<String> LLM_REQUEST =
      AttributeKey.stringKey("gcp.vertex.agent.llm_request");
  private static final AttributeKey<String> LLM_REQUEST_HASH =
      AttributeKey.stringKey("custody.gcp.vertex.agent.llm_request.hash");
  private static final AttributeKey<String> TOOL_RESPONSE =
      AttributeKey.stringKey("gcp.vertex.agent.tool_response");
  private static final AttributeKey<String> TOOL_RESPONSE_HASH =
      AttributeKey.stringKey("custody.gcp.vertex.agent.tool_response.hash");
  private static final AttributeKey<String> LLM_RESPONSE =
      AttributeKey.stringKey("gcp.vertex.agent.llm_response");

  private static final String REQUEST =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"book it, password=fake-pw-7\"}]}]}";
  private static final String HASH = "sha256:[0-9a-f]{64}";

  @AfterEach
  void defaults() {
    CustodySettings.publish(Map.of());
  }

  @Test
  void redactedByDefaultWithTheHashBeside() {
    SpanData span = exported("gcp.vertex.agent", REQUEST, "{}");

    assertThat(span.getAttributes().get(LLM_REQUEST))
        .isEqualTo(REQUEST.replace("fake-pw-7", "[REDACTED:password]"));
    assertThat(span.getAttributes().get(LLM_REQUEST_HASH)).matches(HASH);
    assertThat(span.getAttributes().get(TOOL_RESPONSE)).as("a placeholder").isEqualTo("{}");
    assertThat(span.getAttributes().get(TOOL_RESPONSE_HASH)).isNull();
  }

  @Test
  void eachFamilyByItsOwnMode() {
    CustodySettings.publish(
        Map.of("custody.capture.messages", "hash", "custody.capture.tool", "off"));

    SpanData span = exported("gcp.vertex.agent", REQUEST, "{\"result\":\"booked\"}");

    assertThat(span.getAttributes().get(LLM_REQUEST)).isNull();
    assertThat(span.getAttributes().get(LLM_REQUEST_HASH)).matches(HASH);
    assertThat(span.getAttributes().get(TOOL_RESPONSE)).isNull();
    assertThat(span.getAttributes().get(TOOL_RESPONSE_HASH)).isNull();
    assertThat(span.getAttributes().get(LLM_RESPONSE)).isNull();
  }

  @Test
  void onlyTheLibrariesSpans() {
    CustodySettings.publish(Map.of("custody.capture.content", "off"));

    SpanData span = exported("another.library", REQUEST, "{\"result\":\"booked\"}");

    assertThat(span.getAttributes().get(TOOL_RESPONSE)).isEqualTo("{\"result\":\"booked\"}");
    assertThat(span.getAttributes().get(LLM_REQUEST_HASH)).isNull();
  }

  @Test
  void koogsVerboseContentByItsFamilyAndItsPlaceholdersAsTheyAre() {
    CustodySettings.publish(Map.of("custody.capture.tool", "hash"));
    AttributeKey<String> input = AttributeKey.stringKey("gen_ai.input.messages");
    AttributeKey<String> result = AttributeKey.stringKey("gen_ai.tool.call.result");
    AttributeKey<String> nodeInput = AttributeKey.stringKey("koog.node.input");
    Attributes exported =
        exported(
                "ai.koog",
                Attributes.of(
                    input,
                    REQUEST,
                    result,
                    "{\"booking\":\"B-42\"}",
                    nodeInput,
                    "HIDDEN:non-empty"))
            .getAttributes();

    assertThat(exported.get(input)).isEqualTo(REQUEST.replace("fake-pw-7", "[REDACTED:password]"));
    assertThat(exported.get(AttributeKey.stringKey("custody.gen_ai.input.messages.hash")))
        .matches(HASH);
    assertThat(exported.get(result)).as("mode hash").isNull();
    assertThat(exported.get(AttributeKey.stringKey("custody.gen_ai.tool.call.result.hash")))
        .matches(HASH);
    assertThat(exported.get(nodeInput)).as("a placeholder").isEqualTo("HIDDEN:non-empty");
    assertThat(exported.get(AttributeKey.stringKey("custody.koog.node.input.hash"))).isNull();
  }

  private static SpanData exported(String scope, String request, String toolResponse) {
    return exported(
        scope, Attributes.of(LLM_REQUEST, request, TOOL_RESPONSE, toolResponse, LLM_RESPONSE, "x"));
  }

  private static SpanData exported(String scope, Attributes attributes) {
    InMemorySpanExporter received = InMemorySpanExporter.create();
    try (SdkTracerProvider tracer =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(new ScrubbingSpanExporter(received, Map.of())))
            .build()) {
      tracer.get(scope).spanBuilder("call_llm").setAllAttributes(attributes).startSpan().end();
      return received.getFinishedSpanItems().get(0);
    }
  }
}
