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
import java.util.HashMap;
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

  /** What the dispatcher prints once it handed A-17 on. */
  public static final String DISPATCHED = "ANSWER: A-17 is with the order desk.";

  private final OtlpReceiver receiver = new OtlpReceiver();
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
    ForkedApp.Running working = orderDesk(properties).args("work", "1").startTestApp(app);
    dispatch(app, properties, 1);
    answered(working.waitForExit());
    return awaitCases(2);
  }

  /**
   * Runs the order desk, then the dispatcher without the agent, so the message brings no case, both
   * on the test app {@code app}; returns the spans once the order desk's case has arrived.
   */
  public Spans handOffFromAServiceWithoutCustody(String app, Map<String, String> properties)
      throws Exception {
    ForkedApp.Running working = orderDesk(properties).args("work", "1").startTestApp(app);
    dispatch(ForkedApp.withoutAgent(), app, properties, 1);
    answered(working.waitForExit());
    return awaitCases(1);
  }

  /**
   * Runs the order desk on {@code app} with {@code properties}, which serves its agent and prints
   * {@code AGENT: URL}, then the dispatcher, whose tool calls that agent ({@code it.agent.url});
   * returns the spans once both cases' agent invocations (the dispatcher's, the order desk's two)
   * have arrived.
   */
  public Spans callAgent(String app, Map<String, String> properties) throws Exception {
    return callAgent(ForkedApp.withCustody(receiver), app, properties, 3);
  }

  /**
   * As {@link #callAgent}, the dispatcher without the agent, so the call brings no case; returns
   * the spans once the order desk's two agent invocations have arrived.
   */
  public Spans callAgentFromAServiceWithoutCustody(String app) throws Exception {
    return callAgent(ForkedApp.withoutAgent(), app, Map.of(), 2);
  }

  private Spans callAgent(
      ForkedApp dispatcher, String app, Map<String, String> properties, int invocations)
      throws Exception {
    ForkedApp.Running working = orderDesk(properties).args("work", "1").startTestApp(app);
    dispatch(dispatcher, app, Map.of("it.agent.url", working.awaitLine("AGENT: ")), 1);
    answered(working.waitForExit());
    return receiver.awaitSpans(received -> received.named("invoke_agent").size() == invocations);
  }

  /** No exported byte holds the canary the customer's request carried. */
  public void assertNoCanaryLeft() {
    assertThat(receiver.rawBytesContain(canary)).as("exported bytes contain the canary").isFalse();
  }

  /**
   * Runs the dispatcher on {@code producerApp} with two requests, two cases; once both are sent,
   * the order desk on {@code batchApp}, which takes them in one batch. Returns what the order desk
   * printed.
   */
  public String handOffTwoCasesInOneBatch(
      String producerApp, String batchApp, Map<String, String> properties) throws Exception {
    dispatch(producerApp, properties, 2);
    ForkedApp.Result worked = orderDesk(properties).runTestApp(batchApp);
    answered(worked);
    return worked.stdout();
  }

  /** The spans once {@code count} agent invocations and a consumer span have arrived. */
  public Spans awaitCases(int count) throws InterruptedException {
    return receiver.awaitSpans(
        received ->
            received.named("invoke_agent").size() == count
                && !received.where(span -> span.kind() == ExpectedSpan.CONSUMER).isEmpty());
  }

  /** The order desk's app with the agent, wired to its model and to the queue. */
  public ForkedApp orderDesk(Map<String, String> properties) {
    return withQueue(ForkedApp.withCustody(receiver), properties)
        .property("otel.service.name", ORDER_DESK)
        .property("it.model.url", orderModel.baseUrl())
        .property("it.backend.url", orderModel.url(""));
  }

  /**
   * Runs the dispatcher with {@code requests} requests, each its own case, each handing A-17 on.
   */
  public void dispatch(String app, Map<String, String> properties, int requests) throws Exception {
    dispatch(ForkedApp.withCustody(receiver), app, properties, requests);
  }

  /**
   * The dispatcher's app with the agent, wired to its model and to the queue, handing A-17 on with
   * one request.
   */
  public ForkedApp dispatcher(Map<String, String> properties) {
    return dispatcher(ForkedApp.withCustody(receiver), properties, 1);
  }

  private ForkedApp dispatcher(ForkedApp app, Map<String, String> properties, int requests) {
    List<String> args = new ArrayList<>(List.of("dispatch"));
    for (int i = 0; i < requests; i++) {
      args.add("Please hand order A-17 on, my password=" + canary);
    }
    return withQueue(app, properties)
        .property("otel.service.name", DISPATCHER)
        .property("it.model.url", dispatcherModel.baseUrl())
        .args(args.toArray(String[]::new));
  }

  private void dispatch(
      ForkedApp dispatcher, String app, Map<String, String> properties, int requests)
      throws Exception {
    ForkedApp.Result dispatched = dispatcher(dispatcher, properties, requests).runTestApp(app);
    assertThat(dispatched.exitCode()).as(dispatched.stderr()).isZero();
    assertThat(dispatched.stdout()).contains(DISPATCHED);
  }

  private static void answered(ForkedApp.Result worked) {
    assertThat(worked.exitCode()).as(worked.stderr()).isZero();
    assertThat(worked.stdout()).contains("ANSWER: " + OrderDesk.ANSWER);
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
        dispatcher(
            publish.children(
                process.kind(CONSUMER).service(ORDER_DESK).children(underTheMessage(afterWork))));
    Spans theCase = spans.traceOf(spans.one("invoke_agent Dispatcher"));
    TraceAssert trace = assertThat(theCase).hasTree(dispatcher);
    trace.everySpanHas("custody.case.id", trace.received(dispatcher).attr("custody.case.id"));
    assertThat(receiver.rawBytesContain(canary)).as("exported bytes contain the canary").isFalse();
  }

  /**
   * The cut chain as an investigator sees it: the message brought no case, so the order desk's case
   * root under its {@code process} span opens a case of its own, says its upstream case is missing,
   * and carries the message's system and queue; the message's id is on the {@code process} span,
   * its parent (the agent records it as that span ends, after the root).
   */
  public void assertANewCaseThatNamesTheMessage(Spans spans, ExpectedSpan process) {
    ExpectedSpan orderDesk =
        orderDeskAgent()
            .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
            .has("custody.record.complete", "false")
            .has("custody.record.missing", List.of("workload_identity", "upstream_case"));
    ExpectedSpan message =
        process.kind(CONSUMER).service(ORDER_DESK).lacks("custody.case.id").children(orderDesk);
    TraceAssert trace =
        assertThat(spans.traceOf(spans.one("invoke_agent OrderAssistant"))).hasTree(message);
    ReceivedSpan root = trace.received(orderDesk);
    ReceivedSpan received = trace.received(message);
    for (String key : List.of("messaging.system", "messaging.destination.name")) {
      assertThat(root.attr(key)).as(key).isNotNull().isEqualTo(received.attr(key));
    }
    assertThat(spans.named("invoke_agent Dispatcher")).as("the dispatcher has no agent").isEmpty();
  }

  /**
   * The batch as an investigator sees it: each dispatcher's case in its own trace, and the order
   * desk's case root under the batch's {@code process} span, a case of its own that links every
   * record's producer span, each link naming its case, and lists the cases it took work from.
   */
  public void assertTheBatchNamesEveryCase(Spans spans, ExpectedSpan process) {
    ExpectedSpan orderDesk = orderDeskAgent();
    TraceAssert trace =
        assertThat(spans)
            .hasTrees(
                dispatcher(span("orders publish")),
                dispatcher(span("orders publish")),
                process.kind(CONSUMER).service(ORDER_DESK).children(orderDesk));
    ReceivedSpan root = trace.received(orderDesk);
    List<String> cases =
        spans.named("invoke_agent Dispatcher").stream()
            .map(span -> span.attr("custody.case.id"))
            .toList();
    assertThat(cases).doesNotHaveDuplicates();
    assertThat(root.attrList("custody.upstream.case_ids"))
        .containsExactlyInAnyOrderElementsOf(cases);
    assertThat(root.attr("custody.case.id")).matches("[0-9a-f]{32}").isNotIn(cases);
    assertThat(spans.descendantsOf(root))
        .allSatisfy(
            span ->
                assertThat(span.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id")));
    Map<String, String> caseOfProducer = new HashMap<>();
    for (ReceivedSpan publish : spans.named("orders publish")) {
      caseOfProducer.put(publish.spanId(), publish.attr("custody.case.id"));
    }
    assertThat(root.linkedCaseIds()).isEqualTo(caseOfProducer);
    assertThat(receiver.rawBytesContain(canary)).as("exported bytes contain the canary").isFalse();
  }

  /** A dispatcher's case: its tool call sends the work ({@code publish}). */
  private static ExpectedSpan dispatcher(ExpectedSpan publish) {
    return dispatcherHandingOff(
        span("execute_tool handOff").children(publish.kind(PRODUCER).service(DISPATCHER)));
  }

  /** A dispatcher's case, between its two model turns its tool call {@code handOff}. */
  public static ExpectedSpan dispatcherHandingOff(ExpectedSpan handOff) {
    return span("invoke_agent Dispatcher")
        .kind(INTERNAL)
        .service(DISPATCHER)
        .has("custody.case.id", v -> v.matches("[0-9a-f]{32}"))
        .children(OrderDesk.modelTurn(), handOff, OrderDesk.modelTurn());
  }

  /** The order desk's LangChain4j agent, answering where A-17 is. */
  public static ExpectedSpan orderDeskAgent() {
    return span("invoke_agent OrderAssistant")
        .kind(INTERNAL)
        .service(ORDER_DESK)
        .children(OrderDesk.modelTurn(), OrderDesk.lookupOrder(), OrderDesk.modelTurn());
  }

  /**
   * The order desk's agent, its own case root in its JVM yet in the dispatcher's case, then what
   * follows it.
   */
  private static ExpectedSpan[] underTheMessage(ExpectedSpan... afterWork) {
    List<ExpectedSpan> under = new ArrayList<>();
    under.add(orderDeskAgent());
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
