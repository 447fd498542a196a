package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.SERVER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.QueueHandoff.DISPATCHER;
import static dev.custody.it.harness.QueueHandoff.ORDER_DESK;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's agent hands work to the order desk's agent over A2A (the A2A Java SDK
 * 1.0.0.Alpha3 in both JVMs, JSON-RPC over HTTP or gRPC): its tool reads the order desk's card and
 * sends it a message; the order desk's A2A server runs the task in its {@code AgentExecutor}, which
 * runs the order desk's LangChain4j agent. The stock agent carries the trace context and the
 * baggage over HTTP and gRPC; Custody makes the task the order desk's case root and records the hop
 * on both sides.
 */
class A2aHandoffIT {

  private static final String APP = "a2a-java-1.0";
  private static final String SEND_MESSAGE = "a2a.v1.A2AService/SendMessage";

  @Test
  void overJsonRpcTheOrderDesksTaskIsACaseRootInTheDispatchersCaseUnderItsToolCall()
      throws Exception {
    theOrderDesksTaskIsACaseRootInTheDispatchersCaseUnderItsToolCall(
        "JSONRPC", span("POST").kind(CLIENT), span("POST /").kind(SERVER));
  }

  @Test
  void overGrpcTheOrderDesksTaskIsACaseRootInTheDispatchersCaseUnderItsToolCall() throws Exception {
    theOrderDesksTaskIsACaseRootInTheDispatchersCaseUnderItsToolCall(
        "GRPC",
        span(SEND_MESSAGE).kind(CLIENT).has("rpc.system", "grpc"),
        span(SEND_MESSAGE).kind(SERVER).has("rpc.system", "grpc"));
  }

  /**
   * The dispatcher's tool reads the card, then sends the message over {@code transport}: its {@code
   * client} span, the order desk's {@code server} span under it, the task's case root under that.
   */
  private static void theOrderDesksTaskIsACaseRootInTheDispatchersCaseUnderItsToolCall(
      String transport, ExpectedSpan client, ExpectedSpan server) throws Exception {
    try (QueueHandoff handoff = new QueueHandoff()) {
      Spans spans = handoff.callAgent(APP, Map.of("it.a2a.transport", transport));

      ExpectedSpan task = orderDeskTask().has("custody.handoff.task_id", v -> v.isNotEmpty());
      ExpectedSpan dispatcher =
          QueueHandoff.dispatcherHandingOff(
              span("execute_tool handOff")
                  .has("custody.handoff.protocol", "a2a")
                  .has("custody.handoff.peer", "Order Desk")
                  .has("custody.handoff.message_id", v -> v.isNotEmpty())
                  .has("custody.handoff.task_id", v -> v.isNotEmpty())
                  .children(
                      span("GET")
                          .kind(CLIENT)
                          .service(DISPATCHER)
                          .children(
                              span("GET /.well-known/agent-card.json")
                                  .kind(SERVER)
                                  .service(ORDER_DESK)),
                      client
                          .service(DISPATCHER)
                          .children(server.service(ORDER_DESK).children(task))));
      TraceAssert trace =
          assertThat(spans.traceOf(spans.one("invoke_agent Dispatcher"))).hasTree(dispatcher);
      ReceivedSpan handOff = spans.one("execute_tool handOff");
      ReceivedSpan root = trace.received(task);
      trace.everySpanHas("custody.case.id", trace.received(dispatcher).attr("custody.case.id"));
      for (String key : List.of("custody.handoff.task_id", "custody.handoff.message_id")) {
        assertThat(root.attr(key)).as(key).isEqualTo(handOff.attr(key));
      }
      assertThat(root.attrList("custody.record.missing")).doesNotContain("upstream_case");
      handoff.assertNoCanaryLeft();
    }
  }

  @Test
  void aTaskFromADispatcherWithoutCustodyStartsANewCaseThatNamesTheTask() throws Exception {
    try (QueueHandoff handoff = new QueueHandoff()) {
      Spans spans = handoff.callAgentFromAServiceWithoutCustody(APP);

      ExpectedSpan task =
          orderDeskTask()
              .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
              .has("custody.handoff.task_id", v -> v.isNotEmpty())
              .has("custody.handoff.message_id", v -> v.isNotEmpty())
              .has("custody.record.missing", List.of("workload_identity", "upstream_case"));
      // The request that starts the case names it on its SERVER span, as any request does.
      TraceAssert trace =
          assertThat(spans.traceOf(spans.one("invoke_agent OrderDeskAgent")))
              .hasTree(span("POST /").kind(SERVER).children(task));
      trace.everySpanHas("custody.case.id", trace.received(task).attr("custody.case.id"));
      assertThat(spans.named("invoke_agent Dispatcher"))
          .as("the dispatcher has no agent")
          .isEmpty();
    }
  }

  /** The order desk's A2A task, its case root, running the order desk's agent. */
  private static ExpectedSpan orderDeskTask() {
    return span("invoke_agent OrderDeskAgent")
        .kind(INTERNAL)
        .service(ORDER_DESK)
        .has("custody.handoff.protocol", "a2a")
        .has("gen_ai.conversation.id", v -> v.isNotEmpty())
        .children(QueueHandoff.orderDeskAgent());
  }
}
