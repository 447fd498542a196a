package dev.custody.it;

import static dev.custody.it.harness.ToolLoopTraces.callsAnswered;
import static dev.custody.it.harness.ToolLoopTraces.modelTurns;
import static dev.custody.it.harness.ToolLoopTraces.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedAnthropicServer;
import dev.custody.testing.ScriptedAnthropicServer.ToolCall;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applications on the Anthropic Java SDK, unmodified: one that runs the tools itself or leaves them to the SDK's tool
 * runner on 3.x, whose calls the SDK traces itself, and one that runs them itself on 2.71, before it did.
 */
class AnthropicToolLoopIT {

  static final String BLOCKING = "What is the weather and the time in Paris? (blocking)";
  static final String ASYNC = "What is the weather and the time in Paris? (async)";
  static final String RUNNER = "What is the weather and the time in Paris? (tool runner)";
  static final String ANSWER = "Sunny and 21 degrees in Paris; the clock is out.";

  private final String apiKey = "sk-ant-api03-canary" + Long.toHexString(System.nanoTime());

  @Test
  void withBuiltInTracingTheSdkSpansAreDecoratedAndEnclosedNotDuplicated() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); ScriptedAnthropicServer model = scriptedModel()) {
      ForkedApp.Result result =
          app(receiver, model).args("blocking=" + BLOCKING, "runner=" + RUNNER, "async=" + ASYNC)
              .runTestApp("anthropic-java");
      assertThat(result.stdout()).as(result.stderr())
          .contains("ANSWER blocking: " + ANSWER, "ANSWER runner: " + ANSWER, "ANSWER async: " + ANSWER);
      Spans spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() >= 2
          && !received.named("anthropic.messages.tool_runner").isEmpty());

      for (String question : List.of(BLOCKING, ASYNC)) {
        ReceivedSpan root = root(spans, question);
        List<ReceivedSpan> modelTurns = modelTurns(spans, root);
        assertThat(modelTurns).as("one span per messages.create: the SDK's").hasSize(2).allSatisfy(turn -> {
          assertThat(turn.scope()).startsWith("com.anthropic.sdk.java");
          assertThat(turn.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        });
        assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(spans, model, root, question, modelTurns);
      }
      assertThat(spans.all()).filteredOn(span -> span.scope().startsWith("dev.custody"))
          .as("our only spans are the loops' roots").extracting(ReceivedSpan::name)
          .containsOnly("invoke_agent WeatherAgent");

      // The SDK's tool runner is left to itself: its own spans, no root or tool span of ours, and no case open.
      ReceivedSpan runner = spans.one("anthropic.messages.tool_runner");
      List<ReceivedSpan> run = spans.where(span -> span.traceId().equals(runner.traceId()));
      assertThat(run)
          .noneMatch(span -> span.name().startsWith("invoke_agent") || span.name().startsWith("execute_tool"));
      assertThat(run).noneMatch(span -> span.has("custody.case.id"));
      assertThat(run).filteredOn(span -> span.name().startsWith("anthropic.custom_tool_use")).hasSize(2);
      assertThat(modelTurns(spans, runner)).hasSize(2).first()
          .satisfies(turn -> assertThat(turn.attrList("custody.gen_ai.tool_calls.requested")).hasSize(2));

      assertTheApiKeyIsNeverExported(receiver, model);
    }
  }

  @Test
  void beforeBuiltInTracingEachCallIsOurChatSpanInsideTheLoop() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(); ScriptedAnthropicServer model = scriptedModel()) {
      ForkedApp.Result result =
          app(receiver, model).args("blocking=" + BLOCKING, "async=" + ASYNC).runTestApp("anthropic-java-2");
      assertThat(result.stdout()).as(result.stderr()).contains("ANSWER blocking: " + ANSWER, "ANSWER async: " + ANSWER);
      Spans spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() >= 2);

      for (String question : List.of(BLOCKING, ASYNC)) {
        ReceivedSpan root = root(spans, question);
        List<ReceivedSpan> modelTurns = modelTurns(spans, root);
        assertThat(modelTurns).hasSize(2).allSatisfy(turn -> {
          assertThat(turn.name()).isEqualTo("chat scripted-model");
          assertThat(turn.scope()).isEqualTo("dev.custody.anthropic-java");
          assertThat(turn.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
          assertThat(turn.attr("gen_ai.provider.name")).isEqualTo("anthropic");
          assertThat(turn.attr("gen_ai.request.model")).isEqualTo("scripted-model");
          assertThat(turn.attr("gen_ai.response.model")).isEqualTo("scripted-model");
          assertThat(turn.attr("gen_ai.request.max_tokens")).isEqualTo("1024");
          assertThat(turn.attr("gen_ai.usage.input_tokens")).isEqualTo("42");
          assertThat(turn.attr("gen_ai.usage.output_tokens")).isEqualTo("7");
          assertThat(spans.where(span -> span.parentSpanId().equals(turn.spanId())))
              .singleElement()
              .satisfies(http -> assertThat(http.attr("url.full")).endsWith("/v1/messages"));
        });
        assertThat(modelTurns.get(0).attrList("gen_ai.response.finish_reasons")).containsExactly("tool_use");
        assertThat(modelTurns.get(1).attrList("gen_ai.response.finish_reasons")).containsExactly("end_turn");
        assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(spans, model, root, question, modelTurns);
      }
      assertTheApiKeyIsNeverExported(receiver, model);
    }
  }

  /**
   * The loop's trace: one root named after the calling class, with the intent, and right under it both model turns
   * and the weather tool's call to its backend; the first turn names the tool calls the model returned; one case id
   * on all.
   */
  private static void assertIsOneCaseWithTwoModelTurnsAndTheBackendCall(
      Spans spans, ScriptedAnthropicServer model, ReceivedSpan root, String question, List<ReceivedSpan> modelTurns) {
    assertThat(root.name()).isEqualTo("invoke_agent WeatherAgent");
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.isError()).isFalse();
    assertThat(root.attr("custody.intent.objective"))
        .isEqualTo("You are a weather desk. Use the tools before answering.");
    assertThat(modelTurns.get(0).attrList("custody.gen_ai.tool_calls.requested"))
        .containsExactlyElementsOf(callsAnswered(
            model.requests().stream().map(ScriptedAnthropicServer.Request::body).toList(), question, "tool_use_id",
            List.of("get_weather", "get_time")));
    assertThat(modelTurns.get(1).has("custody.gen_ai.tool_calls.requested")).isFalse();
    List<ReceivedSpan> inside = spans.descendantsOf(root);
    assertThat(modelTurns).allSatisfy(turn -> assertThat(turn.parentSpanId()).isEqualTo(root.spanId()));
    assertThat(inside).filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
            && span.attr("url.full") != null && span.attr("url.full").endsWith("/weather/Paris"))
        .singleElement()
        .satisfies(backendCall -> assertThat(backendCall.parentSpanId()).isEqualTo(root.spanId()));
    List<ReceivedSpan> trace = spans.where(span -> span.traceId().equals(root.traceId()));
    assertThat(trace).hasSize(inside.size() + 1);
    assertThat(trace)
        .allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id")));
  }

  private void assertTheApiKeyIsNeverExported(OtlpReceiver receiver, ScriptedAnthropicServer model) {
    assertThat(model.requests()).anySatisfy(request -> assertThat(request.apiKey()).isEqualTo(apiKey));
    assertThat(receiver.rawBytesContain(apiKey)).isFalse();
  }

  ForkedApp app(OtlpReceiver receiver, ScriptedAnthropicServer model) {
    return ForkedApp.withCustody(receiver)
        .property("it.model.url", model.baseUrl())
        .property("it.backend.url", model.url(""))
        .env("IT_MODEL_API_KEY", apiKey);
  }

  /** A model that asks for the weather and the time in Paris, then answers; it also serves the weather backend. */
  static ScriptedAnthropicServer scriptedModel() throws IOException {
    return ScriptedAnthropicServer.start(
            List.of(
                new ToolCall("get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("get_time", "{\"city\":\"Paris\"}")),
            ANSWER)
        .serve("/weather/Paris", "sunny, 21 degrees");
  }
}
