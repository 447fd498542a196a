package dev.custody.it.harness;

import static dev.custody.it.harness.ExpectedSpan.CONSUMER;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.PRODUCER;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Two agent services with the agent, one queue between them (the hand-off desk of {@code
 * test-apps/handoff-shared}): the dispatcher's agent hands order A-17 to the order desk through its
 * {@code handOff} tool, and the order desk's agent, in the other JVM, answers what it took from the
 * queue. Each has a scripted model of its own; the customer's request carries a canary.
 */
public final class QueueHandoff implements AutoCloseable {

  public static final String DISPATCHER = "dispatcher";
  public static final String ORDER_DESK = "order-desk";

  public final OtlpReceiver receiver = new OtlpReceiver();
  private final ScriptedOpenAiServer dispatcherModel =
      ScriptedOpenAiServer.start(
          List.of(new ToolCall("handOff", "{\"orderId\":\"A-17\"}")),
          "A-17 is with the order desk.");
  private final ScriptedOpenAiServer orderModel =
      ScriptedOpenAiServer.start(
              List.of(new ToolCall("lookupOrder", "{\"orderId\":\"A-17\"}")), OrderDesk.ANSWER)
          .serve("/orders/A-17", "A-17: packed, leaves the warehouse tomorrow");
  private final String canary = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

  public QueueHandoff() throws IOException {}

  /**
   * Runs the order desk, then the dispatcher, both on the test app {@code app} with the queue's
   * {@code properties}; returns the spans of both once the order desk's case has arrived.
   */
  public Spans handOff(String app, Map<String, String> properties) throws Exception {
    ForkedApp desk =
        withQueue(ForkedApp.withCustody(receiver), properties)
            .property("otel.service.name", ORDER_DESK)
            .property("it.model.url", orderModel.baseUrl())
            .property("it.backend.url", orderModel.url(""))
            .args("work", "1");
    ForkedApp.Running working = desk.startTestApp(app);
    ForkedApp.Result dispatched =
        withQueue(ForkedApp.withCustody(receiver), properties)
            .property("otel.service.name", DISPATCHER)
            .property("it.model.url", dispatcherModel.baseUrl())
            .args("dispatch", "Please hand order A-17 on, my password=" + canary)
            .runTestApp(app);
    ForkedApp.Result worked = working.waitForExit();
    assertThat(dispatched.exitCode()).as(dispatched.stderr()).isZero();
    assertThat(dispatched.stdout()).contains("ANSWER: A-17 is with the order desk.");
    assertThat(worked.exitCode()).as(worked.stderr()).isZero();
    assertThat(worked.stdout()).contains("ANSWER: " + OrderDesk.ANSWER);
    return receiver.awaitSpans(
        received ->
            received.named("invoke_agent").size() == 2
                && !received.where(span -> span.kind() == ExpectedSpan.CONSUMER).isEmpty());
  }

  private static ForkedApp withQueue(ForkedApp app, Map<String, String> properties) {
    properties.forEach(app::property);
    return app;
  }

  /**
   * The hand-off as an investigator sees it: one trace, one case, the order desk's case root under
   * the message that brought its work, inside the dispatcher's tool call. Spans outside the case
   * (the order desk's polls before the work came) are no part of it. {@code afterWork}: what the
   * order desk does with the message once its agent answered (SQS: deletes it).
   */
  public void assertOneCaseAcrossTheQueue(
      Spans spans, ExpectedSpan publish, ExpectedSpan process, ExpectedSpan... afterWork) {
    ExpectedSpan dispatcher =
        span("invoke_agent Dispatcher")
            .kind(INTERNAL)
            .service(DISPATCHER)
            .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
            .children(
                OrderDesk.modelTurn(),
                span("execute_tool handOff")
                    .children(
                        publish
                            .kind(PRODUCER)
                            .service(DISPATCHER)
                            .children(
                                process
                                    .kind(CONSUMER)
                                    .service(ORDER_DESK)
                                    .children(underTheMessage(afterWork)))),
                OrderDesk.modelTurn());
    Spans theCase = spans.traceOf(spans.one("invoke_agent Dispatcher"));
    TraceAssert trace = assertThat(theCase).hasTree(dispatcher);
    trace.everySpanHas("custody.case.id", trace.received(dispatcher).attr("custody.case.id"));
    assertThat(receiver.rawBytesContain(canary)).as("exported bytes contain the canary").isFalse();
  }

  /**
   * The order desk's agent, its own case root in its JVM yet in the dispatcher's case, then what
   * follows it.
   */
  private static ExpectedSpan[] underTheMessage(ExpectedSpan... afterWork) {
    List<ExpectedSpan> under = new ArrayList<>();
    under.add(
        span("invoke_agent OrderAssistant")
            .kind(INTERNAL)
            .service(ORDER_DESK)
            .children(OrderDesk.modelTurn(), OrderDesk.lookupOrder(), OrderDesk.modelTurn()));
    under.addAll(List.of(afterWork));
    return under.toArray(ExpectedSpan[]::new);
  }

  @Override
  public void close() {
    dispatcherModel.close();
    orderModel.close();
    receiver.close();
  }
}
