package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.ToolLoopTraces.assertCase;
import static dev.custody.it.harness.ToolLoopTraces.callsAnswered;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedAnthropicServer;
import dev.custody.testing.ScriptedAnthropicServer.ToolCall;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applications on the Anthropic Java SDK, unmodified: one that runs the tools itself or leaves them
 * to the SDK's tool runner on 3.x, whose calls the SDK traces itself, and one that runs them itself
 * on 2.71, before it did.
 */
class AnthropicToolLoopIT {

  static final String BLOCKING = "What is the weather and the time in Paris? (blocking)";
  static final String ASYNC = "What is the weather and the time in Paris? (async)";
  static final String RUNNER = "What is the weather and the time in Paris? (tool runner)";
  static final String ANSWER = "Sunny and 21 degrees in Paris; the clock is out.";

  private final String apiKey = "sk-ant-api03-canary" + Long.toHexString(System.nanoTime());

  @Test
  void withBuiltInTracingTheSdkSpansAreDecoratedAndEnclosedNotDuplicated() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedAnthropicServer model = scriptedModel()) {
      ForkedApp.Result result =
          app(receiver, model)
              .args("blocking=" + BLOCKING, "runner=" + RUNNER, "async=" + ASYNC)
              .runTestApp("anthropic-java");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "ANSWER blocking: " + ANSWER, "ANSWER runner: " + ANSWER, "ANSWER async: " + ANSWER);
      Spans spans =
          receiver.awaitSpans(
              received ->
                  received.named("invoke_agent").size() >= 2
                      && !received.named("anthropic.messages.tool_runner").isEmpty());

      for (String question : List.of(BLOCKING, ASYNC)) {
        // one span per messages.create: the SDK's
        ExpectedSpan sdkTurn =
            span("anthropic.messages.create")
                .kind(CLIENT)
                .has("gen_ai.operation.name", "chat")
                .satisfies(
                    "traced by the SDK",
                    turn -> assertThat(turn.scope()).startsWith("com.anthropic.sdk.java"))
                .children(modelCall());
        assertCase(spans, question, toolLoop(model, question, sdkTurn, sdkTurn));
      }
      assertThat(spans.all())
          .filteredOn(span -> span.scope().startsWith("dev.custody"))
          .as("our only spans are the loops' roots")
          .extracting(ReceivedSpan::name)
          .containsOnly("invoke_agent WeatherAgent");

      // The SDK's tool runner is left to itself: its own spans, no root or tool span of ours, and
      // no case open.
      ExpectedSpan sdkTurn =
          span("anthropic.messages.create")
              .has("gen_ai.operation.name", "chat")
              .children(modelCall());
      assertThat(spans.traceOf(spans.one("anthropic.messages.tool_runner")))
          .hasTree(
              span("anthropic.messages.tool_runner")
                  .children(
                      sdkTurn.satisfies(
                          "two tool calls requested",
                          turn ->
                              assertThat(turn.attrList("custody.gen_ai.tool_calls.requested"))
                                  .hasSize(2)),
                      span("anthropic.custom_tool_use get_weather").children(weatherCall()),
                      span("anthropic.custom_tool_use get_time"),
                      sdkTurn))
          .noSpanHas("custody.case.id");

      assertTheApiKeyIsNeverExported(receiver, model);
    }
  }

  @Test
  void beforeBuiltInTracingEachCallIsOurChatSpanInsideTheLoop() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedAnthropicServer model = scriptedModel()) {
      ForkedApp.Result result =
          app(receiver, model)
              .args("blocking=" + BLOCKING, "async=" + ASYNC)
              .runTestApp("anthropic-java-2");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains("ANSWER blocking: " + ANSWER, "ANSWER async: " + ANSWER);
      Spans spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() >= 2);

      ExpectedSpan ourTurn =
          span("chat scripted-model")
              .kind(CLIENT)
              .scope("dev.custody.anthropic-java")
              .has("gen_ai.operation.name", "chat")
              .has("gen_ai.provider.name", "anthropic")
              .has("gen_ai.request.model", "scripted-model")
              .has("gen_ai.response.model", "scripted-model")
              .has("gen_ai.request.max_tokens", "1024")
              .has("gen_ai.usage.input_tokens", "42")
              .has("gen_ai.usage.output_tokens", "7")
              .children(modelCall());
      for (String question : List.of(BLOCKING, ASYNC)) {
        assertCase(
            spans,
            question,
            toolLoop(
                model,
                question,
                ourTurn.has("gen_ai.response.finish_reasons", List.of("tool_use")),
                ourTurn.has("gen_ai.response.finish_reasons", List.of("end_turn"))));
      }
      assertTheApiKeyIsNeverExported(receiver, model);
    }
  }

  /**
   * The loop's case: one root named after the calling class, with the intent, and right under it
   * both model turns and the weather tool's call to its backend; the first turn names the tool
   * calls the model returned.
   */
  private static ExpectedSpan toolLoop(
      ScriptedAnthropicServer model, String question, ExpectedSpan asking, ExpectedSpan answering) {
    List<String> requestBodies =
        model.requests().stream().map(ScriptedAnthropicServer.Request::body).toList();
    return span("invoke_agent WeatherAgent")
        .kind(INTERNAL)
        .noError()
        .has("custody.intent.prompt", question)
        .has("custody.intent.objective", "You are a weather desk. Use the tools before answering.")
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
        .children(
            asking.has(
                "custody.gen_ai.tool_calls.requested",
                callsAnswered(
                    requestBodies, question, "tool_use_id", List.of("get_weather", "get_time"))),
            weatherCall(),
            answering.lacks("custody.gen_ai.tool_calls.requested"));
  }

  /** The HTTP call of a model turn. */
  private static ExpectedSpan modelCall() {
    return span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/messages"));
  }

  /** The weather tool's call to its backend. */
  private static ExpectedSpan weatherCall() {
    return span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/weather/Paris"));
  }

  private void assertTheApiKeyIsNeverExported(
      OtlpReceiver receiver, ScriptedAnthropicServer model) {
    assertThat(model.requests())
        .anySatisfy(request -> assertThat(request.apiKey()).isEqualTo(apiKey));
    assertThat(receiver.rawBytesContain(apiKey)).isFalse();
  }

  ForkedApp app(OtlpReceiver receiver, ScriptedAnthropicServer model) {
    return ForkedApp.withCustody(receiver)
        .property("it.model.url", model.baseUrl())
        .property("it.backend.url", model.url(""))
        .env("IT_MODEL_API_KEY", apiKey);
  }

  /**
   * A model that asks for the weather and the time in Paris, then answers; it also serves the
   * weather backend.
   */
  static ScriptedAnthropicServer scriptedModel() throws IOException {
    return ScriptedAnthropicServer.start(
            List.of(
                new ToolCall("get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("get_time", "{\"city\":\"Paris\"}")),
            ANSWER)
        .serve("/weather/Paris", "sunny, 21 degrees");
  }
}
