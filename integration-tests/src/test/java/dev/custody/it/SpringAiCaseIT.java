package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.SpringAiDesk;
import dev.custody.it.harness.TraceAssert;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring AI 1.1 and 2.0 apps, unmodified: every {@code ChatClient} call, plain or streamed, is one
 * case of model rounds and tool calls; Spring AI's own tool spans, when it traces itself, are not
 * duplicated. No run exports a byte of its {@link Canaries}.
 */
class SpringAiCaseIT {

  static final String SYSTEM = "You are a weather and stocks desk. Use the tools.";
  static final String CALL_REQUEST = "What is the weather in Paris, and the ACME share price?";
  static final String STREAM_REQUEST = "Stream me the weather in Paris and the ACME share price.";
  static final String CONVERSATION = "desk-conversation-7";
  static final String OUR_SCOPE = "dev.custody.spring-ai-1.1";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spring-ai-1.1", "spring-ai-2.0"})
  void eachChatClientCallIsOneCaseOfModelRoundsAndToolCalls(String app) throws Exception {
    try (SpringAiDesk desk = SpringAiDesk.open()) {
      desk.run(desk.app(), app, "plain");
      // two cases of eight spans each, and the model used directly: its round and the round's HTTP
      // call
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= 18);

      assertThat(spans.byTrace()).hasSize(3);

      assertCaseOfTwoRoundsAndTwoTools(
          spans, CALL_REQUEST, chatClient().has("gen_ai.conversation.id", CONVERSATION));
      assertCaseOfTwoRoundsAndTwoTools(
          spans, STREAM_REQUEST, chatClient().lacks("gen_ai.conversation.id"));

      // the model used directly, without a ChatClient: a round of its own, in no case
      assertThat(new Spans(spans.where(span -> !span.has("custody.case.id"))))
          .hasTree(
              span("chat scripted-model")
                  .has("gen_ai.output.messages", v -> v.contains(SpringAiDesk.GREETING))
                  .children(modelCall()));

      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spring-ai-1.1", "spring-ai-2.0"})
  void whenSpringAiTracesItsToolCallsTheirSpansAreTheOnlyOnes(String app) throws Exception {
    try (SpringAiDesk desk = SpringAiDesk.open()) {
      desk.run(desk.app().property("custody.capture.messages", "hash"), app, "observed");
      Spans spans =
          desk.receiver.awaitSpans(
              received ->
                  received.where(SpringAiCaseIT::isToolSpan).size() >= 4
                      && rounds(received.all()).size() >= 4);

      for (String request : List.of(CALL_REQUEST, STREAM_REQUEST)) {
        ReceivedSpan root = caseRoot(spans, request);
        List<ReceivedSpan> trace = spans.byTrace().get(root.traceId());
        String caseId = root.attr("custody.case.id");
        assertThat(trace)
            .allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(caseId));

        // our model rounds stay, beside Spring AI's own model spans: they carry what Spring AI's
        // lack
        List<ReceivedSpan> rounds = rounds(trace);
        assertThat(rounds)
            .hasSize(2)
            .allSatisfy(
                round -> {
                  assertThat(round.has("gen_ai.input.messages")).isFalse();
                  assertThat(round.attr("custody.gen_ai.input.messages.hash"))
                      .startsWith("sha256:");
                });
        List<String> requested = rounds.get(0).attrList("custody.gen_ai.tool_calls.requested");

        // one span per tool call: Spring AI's, given the call id and, for the failed call, the
        // error
        List<ReceivedSpan> tools = trace.stream().filter(SpringAiCaseIT::isToolSpan).toList();
        assertThat(tools).hasSize(2).noneMatch(tool -> tool.scope().equals(OUR_SCOPE));
        ReceivedSpan weather = springTool(tools, "getWeather");
        assertThat(requested.get(0)).isEqualTo("getWeather:" + weather.attr("gen_ai.tool.call.id"));
        assertThat(weather.isError()).isFalse();
        ReceivedSpan sharePrice = springTool(tools, "getSharePrice");
        assertThat(requested.get(1))
            .isEqualTo("getSharePrice:" + sharePrice.attr("gen_ai.tool.call.id"));
        assertThat(sharePrice.isError()).isTrue();
        assertThat(sharePrice.attr("error.type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(httpCalls(trace, "/weather/Paris"))
            .singleElement()
            .satisfies(call -> assertThat(call.parentSpanId()).isEqualTo(weather.spanId()));
      }

      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  /** A tool execution span, ours or Spring AI's. */
  private static boolean isToolSpan(ReceivedSpan span) {
    return "execute_tool".equals(span.attr("gen_ai.operation.name"))
        || "tool_call".equals(span.attr("spring.ai.kind"));
  }

  private static ReceivedSpan springTool(List<ReceivedSpan> tools, String name) {
    List<ReceivedSpan> found =
        tools.stream()
            .filter(tool -> name.equals(tool.attr("spring.ai.tool.definition.name")))
            .toList();
    assertThat(found).as("Spring AI's spans of %s in %s", name, tools).hasSize(1);
    return found.get(0);
  }

  /**
   * The trace of one client call: a round asks for both tools, they run, and a second round
   * answers.
   */
  private static void assertCaseOfTwoRoundsAndTwoTools(
      Spans spans, String request, ExpectedSpan root) {
    ExpectedSpan asking =
        round()
            .has("gen_ai.response.finish_reasons", List.of("tool_calls"))
            .has(
                "gen_ai.input.messages",
                v -> v.contains(SYSTEM).doesNotContain("tool_call_response"))
            .children(modelCall());
    ExpectedSpan weather =
        span("execute_tool getWeather")
            .kind(INTERNAL)
            .scope(OUR_SCOPE)
            .linksTo(asking)
            .noError()
            .has("gen_ai.tool.call.arguments", "{\"city\":\"Paris\"}")
            // the result as the model gets it, its token redacted: Spring AI renders a tool's
            // return value as JSON
            .has(
                "gen_ai.tool.call.result",
                "\"" + Canaries.redactedBackendText(SpringAiDesk.FORECAST) + "\"")
            .has("custody.gen_ai.tool.call.result.hash", v -> v.startsWith("sha256:"))
            .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/weather/Paris")));
    // Spring AI hands the model the exception's message as the result, but the tool failed
    ExpectedSpan sharePrice =
        span("execute_tool getSharePrice")
            .kind(INTERNAL)
            .scope(OUR_SCOPE)
            .linksTo(asking)
            .error()
            .has("error.type", "java.lang.IllegalStateException");
    ExpectedSpan answering =
        round()
            .has("gen_ai.response.finish_reasons", List.of("stop"))
            .lacks("custody.gen_ai.tool_calls.requested")
            .has(
                "gen_ai.input.messages",
                v ->
                    v.contains(
                        "tool_call_response", Canaries.redactedBackendText(SpringAiDesk.FORECAST)))
            .has("gen_ai.output.messages", v -> v.contains(SpringAiDesk.ANSWER))
            .children(modelCall());
    ExpectedSpan theCase =
        root.has("custody.intent.prompt", request).children(asking, weather, sharePrice, answering);

    TraceAssert trace = assertThat(spans.traceOf(caseRoot(spans, request))).hasTree(theCase);
    trace.everySpanHas("custody.case.id", trace.received(theCase).attr("custody.case.id"));
    assertThat(trace.received(asking).attrList("custody.gen_ai.tool_calls.requested"))
        .containsExactly(
            "getWeather:" + trace.received(weather).attr("gen_ai.tool.call.id"),
            "getSharePrice:" + trace.received(sharePrice).attr("gen_ai.tool.call.id"));
  }

  /** The root of a case a {@code ChatClient} call opened. */
  private static ExpectedSpan chatClient() {
    return span("invoke_agent ChatClient")
        .kind(INTERNAL)
        .has("gen_ai.agent.name", "ChatClient")
        .has("custody.intent.objective", SYSTEM)
        .has("custody.record.missing", List.of("workload_identity"))
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"));
  }

  /** One of our model rounds, with the GenAI attributes every round of the scripted model has. */
  private static ExpectedSpan round() {
    return span("chat scripted-model")
        .kind(CLIENT)
        .scope(OUR_SCOPE)
        .has("gen_ai.provider.name", "openai")
        .has("gen_ai.request.model", "scripted-model")
        .has("gen_ai.request.temperature", "0.2")
        .has("gen_ai.response.model", "scripted-model")
        // each round's own usage, although Spring AI 1.x reports running totals within a tool loop
        .has("gen_ai.usage.input_tokens", "42")
        .has("gen_ai.usage.output_tokens", "7");
  }

  /** The HTTP call a round makes to the model. */
  private static ExpectedSpan modelCall() {
    return span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions"));
  }

  private static ReceivedSpan caseRoot(Spans spans, String request) {
    List<ReceivedSpan> roots =
        spans.where(span -> request.equals(span.attr("custody.intent.prompt")));
    assertThat(roots).as("the case of %s in %s", request, spans.all()).hasSize(1);
    return roots.get(0);
  }

  /** Our model rounds in a trace, in the order they started. */
  private static List<ReceivedSpan> rounds(List<ReceivedSpan> trace) {
    return trace.stream()
        .filter(span -> span.scope().equals(OUR_SCOPE) && span.name().startsWith("chat "))
        .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
        .toList();
  }

  private static List<ReceivedSpan> httpCalls(List<ReceivedSpan> trace, String pathEnd) {
    return trace.stream()
        .filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT && span.has("url.full"))
        .filter(span -> span.attr("url.full").endsWith(pathEnd))
        .toList();
  }
}
