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
import dev.custody.it.harness.TraceAssert;
import dev.custody.it.harness.TravelDesk;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unmodified Google ADK app ({@code test-apps/google-adk-1}) run by ADK's {@code InMemoryRunner}
 * with its models answered by scripted servers through ADK's {@code ApigeeLlm}: two tasks, each one
 * trace of ADK's own spans, nothing of Custody's added beside them. ADK's first {@code
 * invoke_agent} is the case root with the intent; every span carries the case id; tool spans carry
 * the current call-id key and the failing tool its error; ADK's {@code gcp.vertex.agent.*} content
 * is held to the content policy; no byte exported holds a {@link Canaries canary}.
 */
class GoogleAdkIT {

  static final String REQUEST = "Is booking B-42 fine? Cancel it, and do I need a visa for Japan?";
  static final String SECOND_REQUEST = "Cancel booking B-42 and tell me about visas.";

  /**
   * A task's spans: ADK's runner span and root agent, two model calls and the sub-agent's one, each
   * with its HTTP call, three tool calls and the one ADK merges them into, the lookup's HTTP call,
   * the sub-agent's runner span and agent.
   */
  static final int SPANS_PER_TASK = 15;

  @Test
  void eachTaskIsOneCaseOfAdksOwnSpans() throws Exception {
    try (TravelDesk desk = TravelDesk.open()) {
      desk.run(desk.app(), REQUEST, SECOND_REQUEST);

      Spans spans =
          desk.receiver.awaitSpans(received -> received.all().size() >= 2 * SPANS_PER_TASK);
      assertThat(spans.all()).hasSize(2 * SPANS_PER_TASK);
      assertThat(spans.byTrace()).as("one trace per task").hasSize(2);
      assertThat(spans.where(span -> span.scope().startsWith("dev.custody")))
          .as("no span of Custody's beside ADK's")
          .isEmpty();

      List<String> caseIds =
          spans.named("invoke_agent travel_desk").stream()
              .map(root -> assertTask(spans.traceOf(root)))
              .toList();
      assertThat(caseIds).doesNotHaveDuplicates();
      desk.canaries.assertPlantedAndNeverExported(desk.model, desk.receiver);
    }
  }

  /** One task's trace, as an investigator sees it; returns its case id. */
  private static String assertTask(Spans task) {
    String hash = "sha256:[0-9a-f]{64}";
    ExpectedSpan lookup =
        toolCall("lookupBooking", "FunctionTool")
            .noError()
            .has(
                "gcp.vertex.agent.tool_response",
                v -> v.contains(Canaries.redactedBackendText(TravelDesk.BOOKING)))
            .has("custody.gcp.vertex.agent.tool_response.hash", v -> v.matches(hash))
            .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/bookings/B-42")));
    ExpectedSpan cancel =
        toolCall("cancelBooking", "FunctionTool")
            .error()
            .has("error.type", "java.lang.IllegalStateException");
    ExpectedSpan visa =
        toolCall("visa_expert", "AgentTool")
            .noError()
            .children(
                span("invocation")
                    .children(
                        span("invoke_agent visa_expert")
                            .has("gen_ai.operation.name", "invoke_agent")
                            .lacks("custody.workload.id")
                            .lacks("custody.intent.prompt")
                            .children(
                                modelCall()
                                    .has(
                                        "gcp.vertex.agent.llm_response",
                                        v -> v.contains(TravelDesk.EXPERT_ANSWER))
                                    .children(httpCall()))));
    ExpectedSpan asking =
        modelCall()
            .has(
                "gcp.vertex.agent.llm_request",
                v -> v.contains(promptOf(task), TravelDesk.INSTRUCTION))
            .has("gcp.vertex.agent.llm_response", v -> v.contains("\"functionCall\""))
            .childrenInAnyOrder(
                httpCall(), lookup, cancel, visa, span("execute_tool (merged)").noError());
    ExpectedSpan answering =
        modelCall()
            .has(
                "gcp.vertex.agent.llm_request",
                v ->
                    v.contains(
                        "\"functionResponse\"", Canaries.redactedBackendText(TravelDesk.BOOKING)))
            .has("gcp.vertex.agent.llm_response", v -> v.contains(TravelDesk.ANSWER))
            .children(httpCall());
    ExpectedSpan root =
        span("invoke_agent travel_desk")
            .kind(INTERNAL)
            .has("gen_ai.operation.name", "invoke_agent")
            .has("gen_ai.agent.name", "travel_desk")
            .has("custody.workload.id", "unknown")
            .has("custody.intent.prompt", promptOf(task))
            .has("custody.intent.prompt.hash", v -> v.matches(hash))
            .has("custody.intent.objective", TravelDesk.INSTRUCTION)
            .has("custody.record.missing", List.of("workload_identity"))
            .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
            .children(asking, answering);

    TraceAssert trace = assertThat(task).hasTree(span("invocation").kind(INTERNAL).children(root));
    String caseId = trace.received(root).attr("custody.case.id");
    trace.everySpanHas("custody.case.id", caseId);
    for (ReceivedSpan tool : task.named("execute_tool ")) {
      if (!tool.name().equals("execute_tool (merged)")) {
        assertThat(tool.attr("gen_ai.tool.call.id"))
            .as("the current key, beside ADK's older one")
            .matches("call_\\d+")
            .isEqualTo(tool.attr("gen_ai.tool_call.id"));
      }
    }
    return caseId;
  }

  /** The prompt of the task whose trace this is. */
  private static String promptOf(Spans task) {
    return task.one("invoke_agent travel_desk").attr("custody.intent.prompt").equals(REQUEST)
        ? REQUEST
        : SECOND_REQUEST;
  }

  /** A model call: ADK's {@code call_llm}, its content redacted with its hash beside. */
  private static ExpectedSpan modelCall() {
    String hash = "sha256:[0-9a-f]{64}";
    return span("call_llm")
        .kind(INTERNAL)
        .has("gen_ai.operation.name", "call_llm")
        .has("gen_ai.request.model", "apigee/openai/scripted-model")
        .has("custody.gcp.vertex.agent.llm_request.hash", v -> v.matches(hash))
        .has("custody.gcp.vertex.agent.llm_response.hash", v -> v.matches(hash));
  }

  private static ExpectedSpan httpCall() {
    return span("POST").kind(CLIENT).has("url.full", v -> v.endsWith("/v1/chat/completions"));
  }

  private static ExpectedSpan toolCall(String tool, String type) {
    return span("execute_tool " + tool)
        .kind(INTERNAL)
        .has("gen_ai.operation.name", "execute_tool")
        .has("gen_ai.tool.name", tool)
        .has("gen_ai.tool.type", type)
        .has("custody.gcp.vertex.agent.tool_call_args.hash", v -> v.matches("sha256:[0-9a-f]{64}"));
  }
}
