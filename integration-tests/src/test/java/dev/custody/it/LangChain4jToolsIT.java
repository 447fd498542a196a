package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.apps.PlainHttpApp;
import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.SupportDesk;
import dev.custody.it.harness.TraceAssert;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unmodified LangChain4j apps, the oldest and the newest 1.x: an AI service task whose model asks
 * for two tools in one response, one of which fails, is one trace. Its root holds the intent; under
 * it the two model turns and the two tool calls, each tool linked to the turn that asked for it and
 * holding its own HTTP call. No run exports a byte of its {@link Canaries}.
 */
class LangChain4jToolsIT {

  @ParameterizedTest
  @ValueSource(strings = {"langchain4j-1.0", "langchain4j-1.19"})
  void aSyncTaskIsOneTraceOfModelTurnsAndToolCallsWithContentRedacted(String app) throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      desk.run(desk.app(), app, "sync");
      Spans spans =
          desk.receiver.awaitSpans(received -> received.all().size() >= SupportDesk.SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(SupportDesk.SPANS_PER_TASK);

      String hash = "sha256:[0-9a-f]{64}";
      ExpectedSpan asking =
          askingTurn()
              .has(
                  "gen_ai.input.messages",
                  v ->
                      v.contains(
                          "\"role\":\"system\"",
                          SupportDesk.SYSTEM_MESSAGE,
                          "\"role\":\"user\"",
                          SupportDesk.REQUEST))
              .has(
                  "gen_ai.output.messages",
                  v ->
                      v.contains(
                              "\"type\":\"tool_call\"",
                              "\"name\":\"lookupOrder\"",
                              "\"name\":\"refundOrder\"")
                          .contains("\"finish_reason\":\"tool_call\""))
              .has("custody.gen_ai.input.messages.hash", v -> v.matches(hash))
              .has("custody.gen_ai.output.messages.hash", v -> v.matches(hash));
      ExpectedSpan lookup =
          lookupOrder(asking)
              .has("gen_ai.tool.call.arguments", "{\"orderId\":\"A-17\"}")
              .has("gen_ai.tool.call.result", Canaries.redactedBackendText(SupportDesk.ORDER))
              .has("custody.gen_ai.tool.call.arguments.hash", v -> v.matches(hash))
              .has("custody.gen_ai.tool.call.result.hash", v -> v.matches(hash));
      ExpectedSpan refund =
          refundOrder(asking)
              .has("gen_ai.tool.call.result", "refunds are closed")
              .has("custody.gen_ai.tool.call.arguments.hash", v -> v.matches(hash))
              .has("custody.gen_ai.tool.call.result.hash", v -> v.matches(hash));
      ExpectedSpan answering =
          answeringTurn()
              .has(
                  "gen_ai.input.messages",
                  v ->
                      v.contains(
                              "\"role\":\"tool\"",
                              "\"type\":\"tool_call_response\"",
                              "refunds are closed")
                          .contains(Canaries.redactedBackendText(SupportDesk.ORDER)))
              .has("gen_ai.output.messages", v -> v.contains(SupportDesk.ANSWER))
              .has("custody.gen_ai.input.messages.hash", v -> v.matches(hash))
              .has("custody.gen_ai.output.messages.hash", v -> v.matches(hash));
      ExpectedSpan root =
          task("invoke_agent SupportAgent")
              .has("custody.intent.prompt", SupportDesk.REQUEST)
              .has("custody.intent.objective", SupportDesk.SYSTEM_MESSAGE)
              .has("gen_ai.conversation.id", "ticket-sync")
              .children(asking, lookup, refund, answering);

      TraceAssert trace = assertThat(spans).hasTree(root);
      assertOneCase(trace, spans, root);
      assertTheToolsAnswerTheCallsAskedFor(trace, asking, lookup, refund);
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"langchain4j-1.0", "langchain4j-1.19"})
  void aStreamedTaskEndsWithItsLastAnswerAndCapturesNoContentWhenOff(String app) throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      desk.run(desk.app().property("custody.capture.content", "off"), app, "streaming");
      Spans spans =
          desk.receiver.awaitSpans(received -> received.all().size() >= SupportDesk.SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(SupportDesk.SPANS_PER_TASK);

      ExpectedSpan asking = askingTurn();
      ExpectedSpan lookup = lookupOrder(asking);
      ExpectedSpan refund = refundOrder(asking);
      ExpectedSpan answering = answeringTurn();
      ExpectedSpan root =
          task("invoke_agent StreamingSupportAgent")
              .has("gen_ai.conversation.id", "ticket-streaming")
              .children(asking, lookup, refund, answering);

      TraceAssert trace = assertThat(spans).hasTree(root);
      assertOneCase(trace, spans, root);
      assertTheToolsAnswerTheCallsAskedFor(trace, asking, lookup, refund);
      assertThat(trace.received(root).endNanos())
          .as("the task ends with its last answer, not when invoke returns")
          .isGreaterThanOrEqualTo(trace.received(answering).endNanos());
      assertThat(trace.received(answering).startNanos())
          .isGreaterThanOrEqualTo(
              Math.max(trace.received(lookup).endNanos(), trace.received(refund).endNanos()));
      for (String content :
          List.of(
              "custody.intent.prompt",
              "custody.intent.prompt.hash",
              "gen_ai.input.messages",
              "custody.gen_ai.input.messages.hash",
              "gen_ai.output.messages",
              "custody.gen_ai.output.messages.hash",
              "gen_ai.tool.call.arguments",
              "custody.gen_ai.tool.call.arguments.hash",
              "gen_ai.tool.call.result",
              "custody.gen_ai.tool.call.result.hash")) {
        trace.noSpanHas(content);
      }
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  /**
   * LangChain4j 1.19 runs the tools of a response concurrently, sync and streamed. The agent's
   * executor context propagation is off, as for pools it does not reach (Java 21+ virtual threads,
   * LangChain4j's default there): the tools still find their task by LangChain4j's invocation id.
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
      Spans spans =
          desk.receiver.awaitSpans(
              received -> received.all().size() >= 2 * SupportDesk.SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(2 * SupportDesk.SPANS_PER_TASK);

      for (String agent : List.of("SupportAgent", "StreamingSupportAgent")) {
        ExpectedSpan asking = askingTurn();
        ExpectedSpan lookup = lookupOrder(asking);
        ExpectedSpan refund = refundOrder(asking);
        // the two tools run at once: either may start first
        ExpectedSpan root =
            task("invoke_agent " + agent)
                .childrenInAnyOrder(asking, lookup, refund, answeringTurn());

        Spans taskSpans = spans.traceOf(spans.one("invoke_agent " + agent));
        TraceAssert trace = assertThat(taskSpans).hasTree(root);
        assertOneCase(trace, taskSpans, root);
        assertTheToolsAnswerTheCallsAskedFor(trace, asking, lookup, refund);
      }
      assertThat(spans.byTrace()).as("one trace per task").hasSize(2);
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  @Test
  void anAppWithoutLangChain4jHasNoAgentSpans() throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      ForkedApp.Result result =
          ForkedApp.withCustody(desk.receiver)
              .property("it.url", desk.model.url("/orders/A-17"))
              .runMainAlone(PlainHttpApp.class);
      assertThat(result.stdout()).as(result.stderr()).contains("BODY " + SupportDesk.ORDER);

      Spans spans = desk.receiver.awaitSpans(received -> !received.all().isEmpty());
      assertThat(spans).hasTree(orderCall().lacks("custody.case.id"));
    }
  }

  /** A task's root, with what every task of the support desk holds. */
  private static ExpectedSpan task(String name) {
    return span(name)
        .kind(INTERNAL)
        .has("custody.record.missing", List.of("workload_identity"))
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"));
  }

  /** A model turn, right under the task's root, holding its HTTP call to the model. */
  private static ExpectedSpan modelTurn() {
    return span("chat gpt-4o-mini")
        .kind(CLIENT)
        .has("gen_ai.operation.name", "chat")
        .has("gen_ai.provider.name", "openai")
        .has("gen_ai.request.model", "gpt-4o-mini")
        .has("gen_ai.request.temperature", "0.2")
        .has("gen_ai.request.max_tokens", "300")
        .has("gen_ai.response.model", "scripted-model")
        .has("gen_ai.response.id", "chatcmpl-scripted")
        .has("gen_ai.usage.input_tokens", "42")
        .has("gen_ai.usage.output_tokens", "7")
        .children(
            span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions")));
  }

  /** The turn whose answer asks for both tools. */
  private static ExpectedSpan askingTurn() {
    return modelTurn()
        .has("gen_ai.response.finish_reasons", List.of("tool_call"))
        .satisfies(
            "two tool calls requested",
            turn ->
                assertThat(turn.attrList("custody.gen_ai.tool_calls.requested"))
                    .hasSize(2)
                    .allSatisfy(
                        call -> assertThat(call).matches("(lookupOrder|refundOrder):call_\\d+")));
  }

  /** The turn that answers with the tools' results. */
  private static ExpectedSpan answeringTurn() {
    return modelTurn()
        .has("gen_ai.response.finish_reasons", List.of("stop"))
        .lacks("custody.gen_ai.tool_calls.requested");
  }

  /** A tool call, right under the task's root, linked to the turn that asked for it. */
  private static ExpectedSpan toolCall(String tool, ExpectedSpan askingTurn) {
    return span("execute_tool " + tool)
        .kind(INTERNAL)
        .linksTo(askingTurn)
        .has("gen_ai.operation.name", "execute_tool")
        .has("gen_ai.tool.name", tool)
        .has("gen_ai.tool.type", "function");
  }

  /** The lookup succeeds and holds its HTTP call. */
  private static ExpectedSpan lookupOrder(ExpectedSpan askingTurn) {
    return toolCall("lookupOrder", askingTurn).noError().lacks("error.type").children(orderCall());
  }

  /** The refund fails, though LangChain4j told the model in text. */
  private static ExpectedSpan refundOrder(ExpectedSpan askingTurn) {
    return toolCall("refundOrder", askingTurn)
        .error()
        .has("error.type", "java.lang.IllegalStateException");
  }

  private static ExpectedSpan orderCall() {
    return span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/orders/A-17"));
  }

  /** Every span of the task's trace carries the case id of its root. */
  private static void assertOneCase(TraceAssert trace, Spans spans, ExpectedSpan root) {
    assertThat(spans).everySpanHas("custody.case.id", trace.received(root).attr("custody.case.id"));
  }

  /** Each tool span holds the call id the model gave it in the turn that asked. */
  private static void assertTheToolsAnswerTheCallsAskedFor(
      TraceAssert trace, ExpectedSpan asking, ExpectedSpan... tools) {
    List<String> requested = trace.received(asking).attrList("custody.gen_ai.tool_calls.requested");
    for (ExpectedSpan tool : tools) {
      ReceivedSpan call = trace.received(tool);
      assertThat(requested)
          .contains(call.attr("gen_ai.tool.name") + ":" + call.attr("gen_ai.tool.call.id"));
    }
  }
}
