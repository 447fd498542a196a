package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.apps.PlainHttpApp;
import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.SupportDesk;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unmodified LangChain4j apps, the oldest and the newest 1.x: an AI service task whose model asks for two tools in
 * one response, one of which fails, is one trace. Its root holds the intent; under it the two model turns and the
 * two tool calls, each tool linked to the turn that asked for it and holding its own HTTP call. No run exports a byte
 * of its {@link Canaries}.
 */
class LangChain4jToolsIT {

  @ParameterizedTest
  @ValueSource(strings = {"langchain4j-1.0", "langchain4j-1.19"})
  void aSyncTaskIsOneTraceOfModelTurnsAndToolCallsWithContentRedacted(String app) throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      desk.run(desk.app(), app, "sync");
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= SupportDesk.SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(SupportDesk.SPANS_PER_TASK);

      ReceivedSpan root = spans.one("invoke_agent");
      assertThat(root.name()).isEqualTo("invoke_agent SupportAgent");
      assertThat(root.attr("custody.intent.prompt")).isEqualTo(SupportDesk.REQUEST);
      assertThat(root.attr("custody.intent.objective")).isEqualTo(SupportDesk.SYSTEM_MESSAGE);
      assertThat(root.attr("gen_ai.conversation.id")).isEqualTo("ticket-sync");
      assertThat(root.attrList("custody.record.missing")).containsExactly("workload_identity");
      assertThat(spans.byTrace()).as("one trace for the task").hasSize(1);
      assertOneTraceUnder(spans, root);

      List<ReceivedSpan> turns = modelTurns(spans, root);
      ReceivedSpan askingTurn = turns.get(0);
      ReceivedSpan answeringTurn = turns.get(1);
      assertThat(askingTurn.attr("gen_ai.input.messages"))
          .contains("\"role\":\"system\"", SupportDesk.SYSTEM_MESSAGE, "\"role\":\"user\"", SupportDesk.REQUEST);
      assertThat(askingTurn.attr("gen_ai.output.messages"))
          .contains("\"type\":\"tool_call\"", "\"name\":\"lookupOrder\"", "\"name\":\"refundOrder\"")
          .contains("\"finish_reason\":\"tool_call\"");
      assertThat(answeringTurn.attr("gen_ai.input.messages"))
          .contains("\"role\":\"tool\"", "\"type\":\"tool_call_response\"", "refunds are closed")
          .contains(Canaries.redactedBackendText(SupportDesk.ORDER));
      assertThat(answeringTurn.attr("gen_ai.output.messages")).contains(SupportDesk.ANSWER);
      assertThat(turns).allSatisfy(turn -> {
        assertThat(turn.attr("custody.gen_ai.input.messages.hash")).matches("sha256:[0-9a-f]{64}");
        assertThat(turn.attr("custody.gen_ai.output.messages.hash")).matches("sha256:[0-9a-f]{64}");
      });

      ReceivedSpan lookup = toolCall(spans, root, askingTurn, "lookupOrder");
      ReceivedSpan refund = toolCall(spans, root, askingTurn, "refundOrder");
      assertThat(lookup.attr("gen_ai.tool.call.arguments")).isEqualTo("{\"orderId\":\"A-17\"}");
      assertThat(lookup.attr("gen_ai.tool.call.result")).isEqualTo(Canaries.redactedBackendText(SupportDesk.ORDER));
      assertThat(refund.attr("gen_ai.tool.call.result")).isEqualTo("refunds are closed");
      assertThat(List.of(lookup, refund)).allSatisfy(tool -> {
        assertThat(tool.attr("custody.gen_ai.tool.call.arguments.hash")).matches("sha256:[0-9a-f]{64}");
        assertThat(tool.attr("custody.gen_ai.tool.call.result.hash")).matches("sha256:[0-9a-f]{64}");
      });
      assertToolOutcomes(spans, lookup, refund);
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"langchain4j-1.0", "langchain4j-1.19"})
  void aStreamedTaskEndsWithItsLastAnswerAndCapturesNoContentWhenOff(String app) throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      desk.run(desk.app().property("custody.capture.content", "off"), app, "streaming");
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= SupportDesk.SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(SupportDesk.SPANS_PER_TASK);

      ReceivedSpan root = spans.one("invoke_agent");
      assertThat(root.name()).isEqualTo("invoke_agent StreamingSupportAgent");
      assertThat(root.attr("gen_ai.conversation.id")).isEqualTo("ticket-streaming");
      assertThat(root.attrList("custody.record.missing")).containsExactly("workload_identity");
      assertThat(spans.byTrace()).as("one trace for the task").hasSize(1);
      assertOneTraceUnder(spans, root);

      List<ReceivedSpan> turns = modelTurns(spans, root);
      ReceivedSpan lookup = toolCall(spans, root, turns.get(0), "lookupOrder");
      ReceivedSpan refund = toolCall(spans, root, turns.get(0), "refundOrder");
      assertToolOutcomes(spans, lookup, refund);

      assertThat(root.endNanos()).as("the task ends with its last answer, not when invoke returns")
          .isGreaterThanOrEqualTo(turns.get(1).endNanos());
      assertThat(turns.get(1).startNanos()).isGreaterThanOrEqualTo(Math.max(lookup.endNanos(), refund.endNanos()));
      for (String content : List.of("custody.intent.prompt", "custody.intent.prompt.hash", "gen_ai.input.messages",
          "custody.gen_ai.input.messages.hash", "gen_ai.output.messages", "custody.gen_ai.output.messages.hash",
          "gen_ai.tool.call.arguments", "custody.gen_ai.tool.call.arguments.hash", "gen_ai.tool.call.result",
          "custody.gen_ai.tool.call.result.hash")) {
        assertThat(spans.where(span -> span.has(content))).as("spans with %s", content).isEmpty();
      }
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  /**
   * LangChain4j 1.19 runs the tools of a response concurrently, sync and streamed. The agent's executor context
   * propagation is off, as for pools it does not reach (Java 21+ virtual threads, LangChain4j's default there): the
   * tools still find their task by LangChain4j's invocation id.
   */
  @Test
  void concurrentToolsFindTheirTaskWithoutContextPropagation() throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      desk.run(
          desk.app()
              .property("app.tools.concurrent", "true")
              .property("otel.instrumentation.executors.enabled", "false"),
          "langchain4j-1.19",
          "sync",
          "streaming");
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= 2 * SupportDesk.SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(2 * SupportDesk.SPANS_PER_TASK);

      List<ReceivedSpan> roots = spans.named("invoke_agent");
      assertThat(roots).extracting(ReceivedSpan::name)
          .containsExactlyInAnyOrder("invoke_agent SupportAgent", "invoke_agent StreamingSupportAgent");
      for (ReceivedSpan root : roots) {
        assertOneTraceUnder(spans, root);
        List<ReceivedSpan> turns = modelTurns(spans, root);
        ReceivedSpan lookup = toolCall(spans, root, turns.get(0), "lookupOrder");
        ReceivedSpan refund = toolCall(spans, root, turns.get(0), "refundOrder");
        assertToolOutcomes(spans, lookup, refund);
      }
      assertThat(spans.byTrace()).as("one trace per task").hasSize(2);
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  @Test
  void anAppWithoutLangChain4jHasNoAgentSpans() throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      ForkedApp.Result result =
          ForkedApp.withCustody(desk.receiver).property("it.url", desk.model.url("/orders/A-17"))
              .runMainAlone(PlainHttpApp.class);
      assertThat(result.stdout()).as(result.stderr()).contains("BODY " + SupportDesk.ORDER);

      Spans spans = desk.receiver.awaitSpans(received -> !received.all().isEmpty());
      assertThat(spans.all()).singleElement().satisfies(call -> {
        assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(call.attr("url.full")).endsWith("/orders/A-17");
        assertThat(call.has("custody.case.id")).isFalse();
      });
    }
  }

  /** The task's trace holds only spans below its root, each with the task's case id. */
  private static void assertOneTraceUnder(Spans spans, ReceivedSpan root) {
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.attr("custody.case.id")).matches("[0-9a-f]{32}");
    List<ReceivedSpan> trace = spans.byTrace().get(root.traceId());
    assertThat(spans.descendantsOf(root)).hasSize(trace.size() - 1);
    assertThat(trace).allSatisfy(span ->
        assertThat(span.attr("custody.case.id")).as("case id of %s", span).isEqualTo(root.attr("custody.case.id")));
  }

  /** The task's two model turns in order: children of its root, each holding its HTTP call to the model. */
  private static List<ReceivedSpan> modelTurns(Spans spans, ReceivedSpan root) {
    List<ReceivedSpan> turns = spans.where(span -> span.name().startsWith("chat ")
            && span.traceId().equals(root.traceId()))
        .stream().sorted(Comparator.comparingLong(ReceivedSpan::startNanos)).toList();
    assertThat(turns).hasSize(2);
    assertThat(turns).allSatisfy(turn -> {
      assertThat(turn.name()).isEqualTo("chat gpt-4o-mini");
      assertThat(turn.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
      assertThat(turn.parentSpanId()).isEqualTo(root.spanId());
      assertThat(turn.attr("gen_ai.operation.name")).isEqualTo("chat");
      assertThat(turn.attr("gen_ai.provider.name")).isEqualTo("openai");
      assertThat(turn.attr("gen_ai.request.model")).isEqualTo("gpt-4o-mini");
      assertThat(turn.attr("gen_ai.request.temperature")).isEqualTo("0.2");
      assertThat(turn.attr("gen_ai.request.max_tokens")).isEqualTo("300");
      assertThat(turn.attr("gen_ai.response.model")).isEqualTo("scripted-model");
      assertThat(turn.attr("gen_ai.response.id")).isEqualTo("chatcmpl-scripted");
      assertThat(turn.attr("gen_ai.usage.input_tokens")).isEqualTo("42");
      assertThat(turn.attr("gen_ai.usage.output_tokens")).isEqualTo("7");
      assertThat(spans.where(span -> span.parentSpanId().equals(turn.spanId())))
          .singleElement()
          .satisfies(http -> {
            assertThat(http.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
            assertThat(http.attr("url.full")).endsWith("/v1/chat/completions");
          });
    });
    assertThat(turns.get(0).attrList("gen_ai.response.finish_reasons")).containsExactly("tool_call");
    assertThat(turns.get(0).attrList("custody.gen_ai.tool_calls.requested"))
        .hasSize(2)
        .allSatisfy(call -> assertThat(call).matches("(lookupOrder|refundOrder):call_\\d+"));
    assertThat(turns.get(1).attrList("gen_ai.response.finish_reasons")).containsExactly("stop");
    assertThat(turns.get(1).has("custody.gen_ai.tool_calls.requested")).isFalse();
    return turns;
  }

  /** The tool call of {@code tool}: a child of the root, with the call id the model gave, linked to that turn. */
  private static ReceivedSpan toolCall(Spans spans, ReceivedSpan root, ReceivedSpan askingTurn, String tool) {
    List<ReceivedSpan> calls =
        spans.where(span -> span.name().equals("execute_tool " + tool) && span.traceId().equals(root.traceId()));
    assertThat(calls).as("%s calls", tool).hasSize(1);
    ReceivedSpan call = calls.get(0);
    assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(call.parentSpanId()).as("%s runs in the task", tool).isEqualTo(root.spanId());
    assertThat(call.attr("gen_ai.operation.name")).isEqualTo("execute_tool");
    assertThat(call.attr("gen_ai.tool.name")).isEqualTo(tool);
    assertThat(call.attr("gen_ai.tool.type")).isEqualTo("function");
    assertThat(askingTurn.attrList("custody.gen_ai.tool_calls.requested"))
        .contains(tool + ":" + call.attr("gen_ai.tool.call.id"));
    assertThat(call.linkedSpanIds()).containsExactly(askingTurn.spanId());
    return call;
  }

  /** The lookup succeeds and holds its HTTP call; the refund fails, though LangChain4j told the model in text. */
  private static void assertToolOutcomes(Spans spans, ReceivedSpan lookup, ReceivedSpan refund) {
    assertThat(lookup.isError()).isFalse();
    assertThat(lookup.has("error.type")).isFalse();
    assertThat(spans.where(span -> span.parentSpanId().equals(lookup.spanId())))
        .singleElement()
        .satisfies(http -> {
          assertThat(http.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
          assertThat(http.attr("url.full")).endsWith("/orders/A-17");
        });
    assertThat(refund.isError()).isTrue();
    assertThat(refund.attr("error.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(spans.where(span -> span.parentSpanId().equals(refund.spanId()))).isEmpty();
  }
}
