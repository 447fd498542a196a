package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unmodified Koog app ({@code test-apps/koog-1}) whose agent's model, Koog's OpenAI client,
 * talks to a scripted server, in one JVM: three tasks, the second with a canary API key in its
 * prompt, the third with Koog's own OpenTelemetry feature installed. Each task is one trace: the
 * agent run as the case root with its intent, its two model turns each around its HTTP call, the
 * lookup tool with its call id around the backend call, the failing tool with {@code tool_error};
 * the case id on every span. Koog's own spans are kept beside the case, never Custody's twice for
 * one operation, and no byte exported holds a {@link Canaries canary}.
 */
class KoogIT {

  static final String INSTRUCTION =
      "You are a travel desk agent. Look the booking up before you change it.";
  static final String ANSWER = "Booking B-42 stands; cancellations are closed.";
  static final String BOOKING = "B-42: Lisbon to Tokyo, 3 May";
  static final String REQUEST = "Is booking B-42 fine? Cancel it.";
  static final String OTEL_REQUEST = "Cancel booking B-42, please.";

  /** A task's spans: the run, two turns and their HTTP calls, two tools, the lookup's HTTP call. */
  static final int SPANS_PER_TASK = 8;

  /**
   * Koog's own spans of the task run with its feature: create and invoke the agent, the strategy,
   * its five nodes, two model calls and two tool calls.
   */
  static final int KOOG_SPANS = 12;

  @Test
  void eachTaskIsOneCase() throws Exception {
    Canaries canaries = new Canaries();
    String secretRequest = "Cancel booking B-42. My OpenAI key is " + canaries.apiKey;
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(
                    List.of(
                        new ToolCall("lookupBooking", "{\"bookingId\":\"B-42\"}"),
                        new ToolCall("cancelBooking", "{\"bookingId\":\"B-42\"}")),
                    ANSWER)
                .serve("/bookings/B-42", canaries.backendText(BOOKING))) {
      ForkedApp app =
          canaries
              .plantIn(ForkedApp.withCustody(receiver))
              .env("KOOG_SECRET_REQUEST", secretRequest)
              .property("app.model.url", model.url(""))
              .property("app.backend.url", model.url(""))
              .args(REQUEST, "env:KOOG_SECRET_REQUEST", "--otel", OTEL_REQUEST);
      ForkedApp.Result result = app.runTestApp("koog-1");
      long answers =
          result.stdout().lines().filter(line -> line.equals("ANSWER: " + ANSWER)).count();
      assertThat(answers).as(result.stdout() + result.stderr()).isEqualTo(3);

      Spans spans =
          receiver.awaitSpans(received -> received.all().size() >= 3 * SPANS_PER_TASK + KOOG_SPANS);
      assertThat(spans.all()).hasSize(3 * SPANS_PER_TASK + KOOG_SPANS);
      List<ReceivedSpan> roots = spans.named("invoke_agent travel_desk");
      List<String> caseIds =
          roots.stream()
              .filter(root -> root.scope().startsWith("dev.custody"))
              .map(root -> assertTask(spans.traceOf(root)))
              .toList();
      assertThat(caseIds).hasSize(3).doesNotHaveDuplicates();
      assertKoogsOwnSpans(spans);
      canaries.assertPlantedAndNeverExported(model, receiver);
      assertThat(model.requests())
          .as("the prompt with the key reached the model")
          .anySatisfy(request -> assertThat(request.body()).contains(canaries.apiKey));
    }
  }

  /** One task's trace, as an investigator sees it; returns its case id. */
  private static String assertTask(Spans task) {
    String hash = "sha256:[0-9a-f]{64}";
    ExpectedSpan lookup =
        toolCall("lookupBooking")
            .noError()
            .has("gen_ai.tool.call.result", v -> v.contains(Canaries.redactedBackendText(BOOKING)))
            .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/bookings/B-42")));
    ExpectedSpan cancel = toolCall("cancelBooking").error().has("error.type", "tool_error");
    ExpectedSpan asking =
        modelTurn()
            .has("gen_ai.input.messages", v -> v.contains(INSTRUCTION))
            .satisfies(
                "asks for both tools",
                turn ->
                    assertThat(turn.attrList("custody.gen_ai.tool_calls.requested"))
                        .satisfiesExactly(
                            call -> assertThat(call).startsWith("lookupBooking:call_"),
                            call -> assertThat(call).startsWith("cancelBooking:call_")))
            .children(httpCall());
    ExpectedSpan answering =
        modelTurn()
            .has("gen_ai.input.messages", v -> v.contains("\"tool_call_response\""))
            .has("gen_ai.output.messages", v -> v.contains(ANSWER))
            .children(httpCall());
    ExpectedSpan root =
        span("invoke_agent travel_desk")
            .kind(INTERNAL)
            .scope("dev.custody.koog-1.1")
            .has("gen_ai.operation.name", "invoke_agent")
            .has("gen_ai.agent.name", "travel_desk")
            .has("custody.intent.prompt.hash", v -> v.matches(hash))
            .has("custody.intent.objective", INSTRUCTION)
            .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
            .childrenInAnyOrder(asking, lookup, cancel, answering);

    TraceAssert trace = assertThat(task).hasTree(root);
    String caseId = trace.received(root).attr("custody.case.id");
    trace.everySpanHas("custody.case.id", caseId);
    for (ReceivedSpan tool : task.named("execute_tool ")) {
      assertThat(tool.attr("gen_ai.tool.call.id")).matches("call_\\d+");
    }
    String prompt = trace.received(root).attr("custody.intent.prompt");
    assertThat(prompt)
        .satisfiesAnyOf(
            p -> assertThat(p).isIn(REQUEST, OTEL_REQUEST),
            p -> assertThat(p).startsWith("Cancel booking B-42. My OpenAI key is [REDACTED:"));
    return caseId;
  }

  /**
   * Koog's own spans, from its OpenTelemetry feature on the agent's OpenTelemetry: kept as Koog
   * makes them, their content as the content policy allows.
   */
  private static void assertKoogsOwnSpans(Spans spans) {
    String hash = "sha256:[0-9a-f]{64}";
    List<ReceivedSpan> koog = spans.where(span -> span.scope().equals("ai.koog"));
    assertThat(koog).hasSize(KOOG_SPANS);
    assertThat(koog)
        .filteredOn(span -> span.name().equals("execute_tool lookupBooking"))
        .singleElement()
        .satisfies(
            tool -> {
              assertThat(tool.attr("gen_ai.tool.call.result"))
                  .contains(Canaries.redactedBackendText(BOOKING));
              assertThat(tool.attr("custody.gen_ai.tool.call.result.hash")).matches(hash);
            });
    assertThat(koog)
        .filteredOn(span -> span.name().equals("chat scripted-model"))
        .hasSize(2)
        .allSatisfy(
            turn -> assertThat(turn.attr("custody.gen_ai.input.messages.hash")).matches(hash));
  }

  private static ExpectedSpan modelTurn() {
    return span("chat scripted-model")
        .kind(CLIENT)
        .scope("dev.custody.koog-1.1")
        .has("gen_ai.operation.name", "chat")
        .has("gen_ai.provider.name", "openai")
        .has("gen_ai.request.model", "scripted-model")
        .has("gen_ai.usage.input_tokens", "42");
  }

  private static ExpectedSpan httpCall() {
    return span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions"));
  }

  private static ExpectedSpan toolCall(String tool) {
    return span("execute_tool " + tool)
        .kind(INTERNAL)
        .scope("dev.custody.koog-1.1")
        .has("gen_ai.operation.name", "execute_tool")
        .has("gen_ai.tool.name", tool)
        .has("gen_ai.tool.call.arguments", "{\"bookingId\":\"B-42\"}");
  }
}
