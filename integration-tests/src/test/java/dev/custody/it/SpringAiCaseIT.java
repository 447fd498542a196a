package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.SpringAiDesk;
import dev.custody.it.harness.Spans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring AI 1.1 and 2.0 apps, unmodified: every {@code ChatClient} call, plain or streamed, is one case of model
 * rounds and tool calls; Spring AI's own tool spans, when it traces itself, are not duplicated. No run exports a byte
 * of its {@link Canaries}.
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
      // two cases of eight spans each, and the model used directly: its round and the round's HTTP call
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= 18);

      ReceivedSpan called = caseRoot(spans, CALL_REQUEST);
      assertThat(called.attr("gen_ai.conversation.id")).isEqualTo(CONVERSATION);
      assertCaseOfTwoRoundsAndTwoTools(spans, called);

      ReceivedSpan streamed = caseRoot(spans, STREAM_REQUEST);
      assertThat(streamed.has("gen_ai.conversation.id")).isFalse();
      assertCaseOfTwoRoundsAndTwoTools(spans, streamed);

      // the model used directly, without a ChatClient: a round of its own, in no case
      List<ReceivedSpan> outsideCases = spans.where(span -> !span.has("custody.case.id"));
      assertThat(outsideCases).hasSize(2);
      ReceivedSpan bare = one(outsideCases, "chat scripted-model");
      assertThat(bare.parentSpanId()).isEmpty();
      assertThat(bare.attr("gen_ai.output.messages")).contains(SpringAiDesk.GREETING);
      assertThat(httpCalls(outsideCases, "/v1/chat/completions")).singleElement()
          .satisfies(call -> assertThat(call.parentSpanId()).isEqualTo(bare.spanId()));

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
              received -> received.where(SpringAiCaseIT::isToolSpan).size() >= 4
                  && rounds(received.all()).size() >= 4);

      for (String request : List.of(CALL_REQUEST, STREAM_REQUEST)) {
        ReceivedSpan root = caseRoot(spans, request);
        List<ReceivedSpan> trace = spans.byTrace().get(root.traceId());
        String caseId = root.attr("custody.case.id");
        assertThat(trace).allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(caseId));

        // our model rounds stay, beside Spring AI's own model spans: they carry what Spring AI's lack
        List<ReceivedSpan> rounds = rounds(trace);
        assertThat(rounds).hasSize(2).allSatisfy(round -> {
          assertThat(round.has("gen_ai.input.messages")).isFalse();
          assertThat(round.attr("custody.gen_ai.input.messages.hash")).startsWith("sha256:");
        });
        List<String> requested = rounds.get(0).attrList("custody.gen_ai.tool_calls.requested");

        // one span per tool call: Spring AI's, given the call id and, for the failed call, the error
        List<ReceivedSpan> tools = trace.stream().filter(SpringAiCaseIT::isToolSpan).toList();
        assertThat(tools).hasSize(2).noneMatch(tool -> tool.scope().equals(OUR_SCOPE));
        ReceivedSpan weather = springTool(tools, "getWeather");
        assertThat(requested.get(0)).isEqualTo("getWeather:" + weather.attr("gen_ai.tool.call.id"));
        assertThat(weather.isError()).isFalse();
        ReceivedSpan sharePrice = springTool(tools, "getSharePrice");
        assertThat(requested.get(1)).isEqualTo("getSharePrice:" + sharePrice.attr("gen_ai.tool.call.id"));
        assertThat(sharePrice.isError()).isTrue();
        assertThat(sharePrice.attr("error.type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(httpCalls(trace, "/weather/Paris")).singleElement()
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
        tools.stream().filter(tool -> name.equals(tool.attr("spring.ai.tool.definition.name"))).toList();
    assertThat(found).as("Spring AI's spans of %s in %s", name, tools).hasSize(1);
    return found.get(0);
  }

  /** The trace of one client call: a round asks for both tools, they run, and a second round answers. */
  private static void assertCaseOfTwoRoundsAndTwoTools(Spans spans, ReceivedSpan root) {
    assertThat(root.name()).isEqualTo("invoke_agent ChatClient");
    assertThat(root.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.attr("gen_ai.agent.name")).isEqualTo("ChatClient");
    assertThat(root.attr("custody.intent.objective")).isEqualTo(SYSTEM);
    assertThat(root.attrList("custody.record.missing")).containsExactly("workload_identity");

    List<ReceivedSpan> trace = spans.byTrace().get(root.traceId());
    assertThat(trace).as("the case and nothing else, in one trace").hasSize(8);
    String caseId = root.attr("custody.case.id");
    assertThat(caseId).matches("[0-9a-f]{32}");
    assertThat(trace).allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(caseId));

    List<ReceivedSpan> rounds = rounds(trace);
    assertThat(rounds).hasSize(2).allSatisfy(round -> {
      assertThat(round.name()).isEqualTo("chat scripted-model");
      assertThat(round.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
      assertThat(round.parentSpanId()).isEqualTo(root.spanId());
      assertThat(round.attr("gen_ai.provider.name")).isEqualTo("openai");
      assertThat(round.attr("gen_ai.request.model")).isEqualTo("scripted-model");
      assertThat(round.attr("gen_ai.request.temperature")).isEqualTo("0.2");
      assertThat(round.attr("gen_ai.response.model")).isEqualTo("scripted-model");
      // each round's own usage, although Spring AI 1.x reports running totals within a tool loop
      assertThat(round.attr("gen_ai.usage.input_tokens")).isEqualTo("42");
      assertThat(round.attr("gen_ai.usage.output_tokens")).isEqualTo("7");
    });
    ReceivedSpan asking = rounds.get(0);
    ReceivedSpan answering = rounds.get(1);
    assertThat(asking.attrList("gen_ai.response.finish_reasons")).containsExactly("tool_calls");
    assertThat(asking.attr("gen_ai.input.messages")).contains(SYSTEM).doesNotContain("tool_call_response");
    List<String> requested = asking.attrList("custody.gen_ai.tool_calls.requested");
    assertThat(requested).hasSize(2);
    assertThat(answering.attrList("gen_ai.response.finish_reasons")).containsExactly("stop");
    assertThat(answering.has("custody.gen_ai.tool_calls.requested")).isFalse();
    assertThat(answering.attr("gen_ai.input.messages"))
        .contains("tool_call_response", Canaries.redactedBackendText(SpringAiDesk.FORECAST));
    assertThat(answering.attr("gen_ai.output.messages")).contains(SpringAiDesk.ANSWER);

    ReceivedSpan weather = one(trace, "execute_tool getWeather");
    assertThat(requested.get(0)).isEqualTo("getWeather:" + weather.attr("gen_ai.tool.call.id"));
    assertThat(weather.scope()).isEqualTo(OUR_SCOPE);
    assertThat(weather.parentSpanId()).isEqualTo(root.spanId());
    assertThat(weather.linkedSpanIds()).containsExactly(asking.spanId());
    assertThat(weather.attr("gen_ai.tool.call.arguments")).isEqualTo("{\"city\":\"Paris\"}");
    // the result as the model gets it, its token redacted: Spring AI renders a tool's return value as JSON
    assertThat(weather.attr("gen_ai.tool.call.result"))
        .isEqualTo("\"" + Canaries.redactedBackendText(SpringAiDesk.FORECAST) + "\"");
    assertThat(weather.attr("custody.gen_ai.tool.call.result.hash")).startsWith("sha256:");
    assertThat(weather.isError()).isFalse();

    // Spring AI hands the model the exception's message as the result, but the tool failed
    ReceivedSpan sharePrice = one(trace, "execute_tool getSharePrice");
    assertThat(requested.get(1)).isEqualTo("getSharePrice:" + sharePrice.attr("gen_ai.tool.call.id"));
    assertThat(sharePrice.parentSpanId()).isEqualTo(root.spanId());
    assertThat(sharePrice.linkedSpanIds()).containsExactly(asking.spanId());
    assertThat(sharePrice.isError()).isTrue();
    assertThat(sharePrice.attr("error.type")).isEqualTo("java.lang.IllegalStateException");

    assertThat(httpCalls(trace, "/v1/chat/completions"))
        .extracting(ReceivedSpan::parentSpanId)
        .containsExactlyInAnyOrder(asking.spanId(), answering.spanId());
    assertThat(httpCalls(trace, "/weather/Paris")).singleElement()
        .satisfies(call -> assertThat(call.parentSpanId()).isEqualTo(weather.spanId()));
  }

  private static ReceivedSpan caseRoot(Spans spans, String request) {
    List<ReceivedSpan> roots = spans.where(span -> request.equals(span.attr("custody.intent.prompt")));
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

  private static ReceivedSpan one(List<ReceivedSpan> trace, String name) {
    List<ReceivedSpan> found = trace.stream().filter(span -> span.name().equals(name)).toList();
    assertThat(found).as("spans named %s in %s", name, trace).hasSize(1);
    return found.get(0);
  }

  private static List<ReceivedSpan> httpCalls(List<ReceivedSpan> trace, String pathEnd) {
    return trace.stream()
        .filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT && span.has("url.full"))
        .filter(span -> span.attr("url.full").endsWith(pathEnd))
        .toList();
  }
}
