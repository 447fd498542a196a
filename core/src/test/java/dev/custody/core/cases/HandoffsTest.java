package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.GEN_AI_CONVERSATION_ID;
import static dev.custody.core.CustodyAttributes.HANDOFF_MESSAGE_ID;
import static dev.custody.core.CustodyAttributes.HANDOFF_PEER;
import static dev.custody.core.CustodyAttributes.HANDOFF_PROTOCOL;
import static dev.custody.core.CustodyAttributes.HANDOFF_TASK_ID;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.TestSdk;
import dev.custody.core.genai.ToolCallOutcome;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandoffsTest {

  private static final String CASE = "0af7651916cd43dd8448eb211c80319c";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private AgentCases cases;
  private ToolCalls tools;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    cases = new AgentCases("test");
    tools = new ToolCalls("test");
  }

  @AfterEach
  void resetGlobals() {
    TestSdk.closeGlobal(sdk);
  }

  @Test
  void theHopIsOnTheToolCallThatSentTheWorkAndItsFirstHopStands() {
    AgentInvocation invocation = cases.start("Dispatcher", "Dispatcher.chat");
    ToolCallRequest call = new ToolCallRequest("handOff", "call_1", "function", "{}");
    Context toolCall = tools.start(Context.current(), call);
    try (Scope ignored = toolCall.makeCurrent()) {
      Span http = sdk.getTracer("test").spanBuilder("POST").startSpan();
      Context inHttp = Context.current().with(http);
      Handoffs.sent(inHttp, "a2a", "Order Desk", "m-1");
      Handoffs.accepted(inHttp, "t-1");
      Handoffs.sent(inHttp, "a2a", "Billing", "m-2");
      Handoffs.accepted(inHttp, "t-2");
      http.end();
    }
    tools.end(toolCall, call, new ToolCallOutcome("handed", null), null);
    cases.end(invocation, null);

    SpanData tool = named("execute_tool handOff");
    assertThat(tool.getAttributes().get(HANDOFF_PROTOCOL)).isEqualTo("a2a");
    assertThat(tool.getAttributes().get(HANDOFF_PEER)).isEqualTo("Order Desk");
    assertThat(tool.getAttributes().get(HANDOFF_MESSAGE_ID)).isEqualTo("m-1");
    assertThat(tool.getAttributes().get(HANDOFF_TASK_ID)).isEqualTo("t-1");
    assertThat(named("POST").getAttributes().get(HANDOFF_PROTOCOL)).isNull();
    TestSdk.assertNothingDropped(exporter.getFinishedSpanItems());
  }

  @Test
  void outsideAToolCallTheHopIsOnTheAgentAndOutsideAnAgentNowhere() {
    Handoffs.sent(Context.current(), "a2a", "Order Desk", "m-0");
    AgentInvocation invocation = cases.start("Dispatcher", "Dispatcher.chat");
    Handoffs.sent(Context.current(), "a2a", "Order Desk", "m-1");
    cases.end(invocation, null);

    SpanData agent = named("invoke_agent Dispatcher");
    assertThat(agent.getAttributes().get(HANDOFF_MESSAGE_ID)).isEqualTo("m-1");
    assertThat(agent.getAttributes().get(HANDOFF_TASK_ID)).isNull();
  }

  @Test
  void aHandedOffTaskThatBroughtACaseKeepsItAndRecordsTheHop() {
    String caseId;
    try (Scope ignored =
        Context.root().with(Baggage.builder().put(CASE_ID_KEY, CASE).build()).makeCurrent()) {
      AgentInvocation invocation = cases.startHandedOff("OrderDeskAgent", "OrderDeskAgent.execute");
      Handoffs.received(invocation, "a2a", "t-1", "m-1");
      invocation.recordConversationId("ctx-1");
      caseId = CaseIds.fromContext(Context.current());
      cases.end(invocation, null);
    }

    SpanData root = named("invoke_agent OrderDeskAgent");
    assertThat(caseId).isEqualTo(CASE);
    assertThat(root.getAttributes().get(HANDOFF_PROTOCOL)).isEqualTo("a2a");
    assertThat(root.getAttributes().get(HANDOFF_TASK_ID)).isEqualTo("t-1");
    assertThat(root.getAttributes().get(HANDOFF_MESSAGE_ID)).isEqualTo("m-1");
    assertThat(root.getAttributes().get(GEN_AI_CONVERSATION_ID)).isEqualTo("ctx-1");
    assertThat(root.getAttributes().get(RECORD_MISSING)).doesNotContain("upstream_case");
  }

  @Test
  void aHandedOffTaskFromNoCaseOpensItsOwnAndSaysTheChainIsCut() {
    Span server = sdk.getTracer("test").spanBuilder("POST /").startSpan();
    Context rootContext;
    try (Scope ignored = Context.root().with(server).makeCurrent()) {
      AgentInvocation invocation = cases.startHandedOff("OrderDeskAgent", "OrderDeskAgent.execute");
      rootContext = Context.current();
      cases.end(invocation, null);
    }
    server.end();

    assertThat(CaseIds.fromContext(rootContext)).matches("[0-9a-f]{32}");
    assertThat(UpstreamCases.cutAt(rootContext)).isSameAs(server);
    assertThat(named("invoke_agent OrderDeskAgent").getAttributes().get(RECORD_MISSING))
        .containsExactly("intent", "workload_identity", "upstream_case");
  }

  private SpanData named(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
