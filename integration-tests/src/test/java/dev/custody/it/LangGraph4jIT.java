package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.SupportDesk;
import dev.custody.it.harness.TraceAssert;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unmodified LangGraph4j app, the oldest and the newest 1.8 ({@code test-apps/langgraph4j-*}): a
 * support desk graph whose {@code agent} node asks the model through LangChain4j, and which stops
 * for a human before its {@code tools} node, whose tool service runs the LangChain4j desk's tools
 * (the refund fails: an error result). Each task, a run and its resume on another thread, is one
 * trace and one case: the run that asked, its node, the escalation until the resume, and the
 * resumed run with the tool calls and the answering turn. One JVM runs both tasks: resumed as
 * stopped ({@code approved}) and after a state update ({@code changed}).
 */
class LangGraph4jIT {

  /** Per task: the stopped run (root, node, turn, HTTP), the escalation, the resumed run (8). */
  static final int SPANS_PER_TASK = 13;

  /** The task approved over HTTP: those, and the approval's CLIENT and SERVER spans. */
  static final int SPANS_OF_APPROVAL = SPANS_PER_TASK + 2;

  @ParameterizedTest
  @ValueSource(strings = {"langgraph4j-1.8.3", "langgraph4j-1.8.17"})
  void eachTaskIsOneCaseOfNodesTurnsToolsAndTheEscalationItsResumeAnswered(String app)
      throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      desk.run(
          desk.app().property("custody.enduser.header", "X-Approver"),
          app,
          "approve",
          "change",
          "request");
      int expected = 2 * SPANS_PER_TASK + SPANS_OF_APPROVAL;
      Spans spans = desk.receiver.awaitSpans(received -> received.all().size() >= expected);
      assertThat(spans.all()).hasSize(expected);
      assertThat(spans.byTrace())
          .as("one trace per task, and the approval's own request")
          .hasSize(4);

      for (String task : List.of("approve", "change")) {
        String outcome = task.equals("approve") ? "approved" : "changed";
        ExpectedSpan asking = askingTurn();
        ExpectedSpan escalation = escalation(outcome).lacks("enduser.id");
        ExpectedSpan resumed = resumedRun(outcome, asking);
        ExpectedSpan root =
            stoppedRun(task).children(node("agent").children(asking), escalation, resumed);

        TraceAssert trace = assertThat(questionOf(spans, task)).hasTree(root);
        trace.everySpanHas("custody.case.id", trace.received(root).attr("custody.case.id"));
        ReceivedSpan resumedRun = trace.received(resumed);
        long firstNode =
            spans.where(s -> resumedRun.spanId().equals(s.parentSpanId())).stream()
                .mapToLong(ReceivedSpan::startNanos)
                .min()
                .orElseThrow();
        assertThat(trace.received(escalation).endNanos())
            .as("the escalation waits from the stop until the resumed run starts")
            .isGreaterThan(trace.received(root).endNanos())
            .isBetween(resumedRun.startNanos(), firstNode);
        assertTheToolsAnswerTheCallsAskedFor(spans, trace.received(asking));
      }

      ExpectedSpan asking = askingTurn();
      ExpectedSpan stopped =
          stoppedRun("request")
              .children(
                  node("agent").children(asking),
                  escalation("approved").has("enduser.id", "alice"));
      TraceAssert question = assertThat(questionOf(spans, "request")).hasTree(stopped);
      String caseId = question.received(stopped).attr("custody.case.id");
      question.everySpanHas("custody.case.id", caseId);
      ExpectedSpan resumed = resumedRun("approved", null);
      TraceAssert approval =
          assertThat(spans.traceOf(spans.one("POST /approve")))
              .hasTree(
                  span("POST")
                      .kind(CLIENT)
                      .children(
                          span("POST /approve")
                              .kind(SERVER)
                              .has("enduser.id", "alice")
                              .children(resumed)));
      assertThat(spans.descendantsOf(approval.received(resumed)))
          .as("the resumed run continues the question's case")
          .allSatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(caseId));
      assertThat(approval.received(resumed).attr("custody.case.id")).isEqualTo(caseId);
      assertTheToolsAnswerTheCallsAskedFor(spans, question.received(asking));

      assertThat(spans.named("execute_tool"))
          .as("one span per tool call")
          .extracting(s -> s.traceId() + s.attr("gen_ai.tool.call.id"))
          .doesNotHaveDuplicates();
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  /** The trace of the task's question: the run with its prompt, in its thread's conversation. */
  private static Spans questionOf(Spans spans, String task) {
    return spans.traceOf(
        spans
            .where(
                s ->
                    ("ticket-" + task).equals(s.attr("gen_ai.conversation.id"))
                        && s.has("custody.intent.prompt"))
            .get(0));
  }

  /**
   * The run that stopped for a human: the case's intent, and the question still open at its end.
   */
  private static ExpectedSpan stoppedRun(String task) {
    return run()
        .has("custody.intent.prompt", SupportDesk.REQUEST)
        .has("custody.intent.objective", SupportDesk.SYSTEM_MESSAGE)
        .has("gen_ai.conversation.id", "ticket-" + task)
        .has("custody.escalation.count", "1")
        .has("custody.escalation.pending", "1")
        .lacks("custody.escalation.outcomes");
  }

  /** The run a resume started: the tools, then the answering turn; the outcome it answered. */
  private static ExpectedSpan resumedRun(String outcome, ExpectedSpan askingTurn) {
    ExpectedSpan lookup =
        toolCall("lookupOrder", askingTurn)
            .has("gen_ai.tool.call.arguments", "{\"orderId\":\"A-17\"}")
            .has("gen_ai.tool.call.result", Canaries.redactedBackendText(SupportDesk.ORDER))
            .noError()
            .lacks("error.type")
            .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/orders/A-17")));
    ExpectedSpan refund =
        toolCall("refundOrder", askingTurn)
            .has("gen_ai.tool.call.result", "refunds are closed")
            .error()
            .has("error.type", "tool_error");
    return run()
        .lacks("custody.intent.prompt")
        .has("custody.escalation.count", "0")
        .has("custody.escalation.outcomes", List.of(outcome))
        .lacks("custody.escalation.pending")
        .children(node("tools").children(lookup, refund), node("agent").children(answeringTurn()));
  }

  private static ExpectedSpan escalation(String outcome) {
    return span("escalation interrupt")
        .kind(INTERNAL)
        .has("custody.escalation.kind", "interrupt")
        .has("custody.escalation.request", "interrupted before node tools")
        .has("custody.escalation.request.hash", v -> v.startsWith("sha256:"))
        .has("custody.escalation.outcome", outcome)
        .has("custody.escalation.wait_ms", v -> v.matches("\\d+"))
        .noError();
  }

  /** Each tool call holds a call id the turn that asked gave it. */
  private static void assertTheToolsAnswerTheCallsAskedFor(Spans spans, ReceivedSpan asking) {
    List<String> requested = asking.attrList("custody.gen_ai.tool_calls.requested");
    assertThat(
            spans.where(
                s ->
                    s.name().startsWith("execute_tool")
                        && asking.attr("custody.case.id").equals(s.attr("custody.case.id"))))
        .hasSize(2)
        .allSatisfy(
            call ->
                assertThat(requested)
                    .contains(
                        call.attr("gen_ai.tool.name") + ":" + call.attr("gen_ai.tool.call.id")));
  }

  /** A run of the support desk graph: a case root. */
  private static ExpectedSpan run() {
    return span("invoke_agent support-desk")
        .kind(INTERNAL)
        .has("gen_ai.operation.name", "invoke_agent")
        .has("gen_ai.agent.name", "support-desk")
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
        .noError();
  }

  private static ExpectedSpan node(String id) {
    return span("node " + id).kind(INTERNAL).has("custody.graph.node", id).noError();
  }

  private static ExpectedSpan modelTurn() {
    return span("chat gpt-4o-mini")
        .kind(CLIENT)
        .has("gen_ai.operation.name", "chat")
        .has("gen_ai.request.model", "gpt-4o-mini")
        .children(
            span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions")));
  }

  private static ExpectedSpan askingTurn() {
    return modelTurn().has("gen_ai.response.finish_reasons", List.of("tool_call"));
  }

  private static ExpectedSpan answeringTurn() {
    return modelTurn()
        .has("gen_ai.response.finish_reasons", List.of("stop"))
        .has("gen_ai.output.messages", v -> v.contains(SupportDesk.ANSWER));
  }

  /** A tool call, linked to the turn that asked when that turn is in the same trace. */
  private static ExpectedSpan toolCall(String tool, ExpectedSpan askingTurn) {
    ExpectedSpan call = span("execute_tool " + tool).kind(INTERNAL);
    return (askingTurn == null ? call : call.linksTo(askingTurn))
        .has("gen_ai.operation.name", "execute_tool")
        .has("gen_ai.tool.name", tool)
        .has("gen_ai.tool.call.id", v -> v.matches("call_\\d+"));
  }
}
