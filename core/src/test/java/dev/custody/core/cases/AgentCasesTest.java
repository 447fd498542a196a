package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_CONVERSATION_ID;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE_HASH;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT_HASH;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static dev.custody.core.CustodyAttributes.UPSTREAM_CASE_IDS;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.WORKLOAD_HINTS;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID_SOURCE;
import static dev.custody.core.CustodyAttributes.WORKLOAD_PRINCIPAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custody.bootstrap.WorkloadAttributes;
import dev.custody.core.TestSdk;
import dev.custody.core.content.ContentHasher;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentCasesTest {

  private static final String CASE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String CASE_B = "6f1c0e9ad2b84d0f9a51c3e27b8d4410";
  private static final String PRODUCER_A = "00f067aa0ba902b7";
  private static final String PRODUCER_B = "b7ad6b7169203331";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private AgentCases cases;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    cases = new AgentCases("test");
  }

  @AfterEach
  void resetGlobals() {
    TestSdk.closeGlobal(sdk);
    WorkloadAttributes.publish(Map.of());
  }

  @Test
  void startsAnInvokeAgentSpanWithTheCaseIdInBaggage() {
    AgentInvocation invocation = cases.start("TravelAssistant", "TravelAssistant.chat");
    String caseId = CaseIds.fromContext(Context.current());
    AgentInvocation current = AgentInvocation.current();
    cases.end(invocation, null);

    assertThat(caseId).matches("[0-9a-f]{32}");
    assertThat(current).isSameAs(invocation);
    assertThat(Baggage.current().getEntryValue(CASE_ID_KEY)).isNull();
    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("invoke_agent TravelAssistant");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
    assertThat(span.getAttributes().get(GEN_AI_AGENT_NAME)).isEqualTo("TravelAssistant");
    assertThat(span.getAttributes().get(INTENT_OBJECTIVE)).isEqualTo("TravelAssistant.chat");
  }

  @Test
  void aCaseRootStartedOnABatchOfTwoCasesOpensItsOwnAndNamesBoth() {
    Context batch =
        UpstreamCases.with(
            Context.root(), List.of(message(CASE_A, PRODUCER_A), message(CASE_B, PRODUCER_B)));
    String caseId;
    try (Scope ignored = batch.makeCurrent()) {
      AgentInvocation invocation = cases.start("OrderDesk", "OrderDesk.chat");
      caseId = CaseIds.fromContext(Context.current());
      cases.end(invocation, null);
    }

    SpanData root = onlySpan();
    assertThat(caseId).isNotIn(CASE_A, CASE_B);
    assertThat(root.getAttributes().get(UPSTREAM_CASE_IDS)).containsExactly(CASE_A, CASE_B);
    assertThat(root.getLinks())
        .extracting(
            link -> link.getSpanContext().getSpanId(), link -> link.getAttributes().get(CASE_ID))
        .containsExactly(tuple(PRODUCER_A, CASE_A), tuple(PRODUCER_B, CASE_B));
  }

  @Test
  void aCaseRootStartedOnABatchOfOneCaseKeepsIt() {
    Context batch =
        UpstreamCases.with(
            Context.root(), List.of(message(CASE_A, PRODUCER_A), message(CASE_A, PRODUCER_B)));
    String caseId;
    try (Scope ignored = batch.makeCurrent()) {
      AgentInvocation invocation = cases.start("OrderDesk", "OrderDesk.chat");
      caseId = CaseIds.fromContext(Context.current());
      cases.end(invocation, null);
    }

    assertThat(caseId).isEqualTo(CASE_A);
    assertThat(onlySpan().getAttributes().get(UPSTREAM_CASE_IDS)).containsExactly(CASE_A);
    assertThat(onlySpan().getLinks()).hasSize(2);
  }

  @Test
  void aCaseRootOnAMessageFromNoCaseOpensItsOwnAndSaysTheChainIsCut() {
    Span process = sdk.getTracer("test").spanBuilder("orders process").startSpan();
    Context message =
        SpanKey.CONSUMER_PROCESS.storeInContext(Context.root().with(process), process);
    Context rootContext;
    try (Scope ignored = message.makeCurrent()) {
      AgentInvocation invocation = cases.start("OrderDesk", "OrderDesk.chat");
      rootContext = Context.current();
      cases.end(invocation, null);
    }
    process.end();

    assertThat(CaseIds.fromContext(rootContext)).matches("[0-9a-f]{32}");
    assertThat(UpstreamCases.cutAt(rootContext)).isSameAs(process);
    SpanData root = exporter.getFinishedSpanItems().get(0);
    assertThat(root.getAttributes().get(RECORD_MISSING))
        .containsExactly("intent", "workload_identity", "upstream_case");
  }

  @Test
  void aCaseRootOnAMessageFromACaseKeepsTheChain() {
    Span process = sdk.getTracer("test").spanBuilder("orders process").startSpan();
    Context message =
        SpanKey.CONSUMER_PROCESS.storeInContext(message(CASE_A, PRODUCER_A).with(process), process);
    try (Scope ignored = message.makeCurrent()) {
      cases.end(cases.start("OrderDesk", "OrderDesk.chat"), null);
    }
    process.end();

    assertThat(exporter.getFinishedSpanItems().get(0).getAttributes().get(RECORD_MISSING))
        .containsExactly("intent", "workload_identity");
  }

  /** What a consumer extracts from a message its producer sent in case {@code caseId}. */
  private static Context message(String caseId, String producerSpanId) {
    SpanContext producer =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            producerSpanId,
            TraceFlags.getSampled(),
            TraceState.getDefault());
    return Context.root()
        .with(Span.wrap(producer))
        .with(Baggage.builder().put(CASE_ID_KEY, caseId).build());
  }

  @Test
  void aCaseWithoutIntentOrWorkloadIdentityIsIncomplete() {
    cases.end(cases.start("TravelAssistant", "TravelAssistant.chat"), null);

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(RECORD_COMPLETE)).isFalse();
    assertThat(span.getAttributes().get(RECORD_MISSING))
        .containsExactly("intent", "workload_identity");
    assertThat(span.getAttributes().get(WORKLOAD_ID)).isEqualTo("unknown");
    assertThat(span.getAttributes().get(WORKLOAD_ID_SOURCE)).isNull();
  }

  @Test
  void recordingTheIntentWithAKnownWorkloadMakesTheRecordComplete() {
    WorkloadAttributes.publish(
        Map.of(
            "custody.workload.id", "spiffe://example.org/travel",
            "custody.workload.id.source", "spiffe",
            "custody.workload.credential.expires_at", "2030-01-03T00:00:00Z",
            "custody.workload.hints", List.of("aws_container_credentials"),
            "custody.workload.principal", "arn:aws:sts::123456789012:assumed-role/travel/s1"));

    AgentInvocation invocation = cases.start("TravelAssistant", "TravelAssistant.chat");
    invocation.recordIntent("Book a flight to Lisbon", "You are a travel agent.");
    invocation.recordIntent("Book a flight to Porto", "You are a hotel agent.");
    invocation.recordConversationId("c-1");
    invocation.recordConversationId("c-2");
    cases.end(invocation, null);

    SpanData span = onlySpan();
    assertThat(span.getAttributes().get(INTENT_PROMPT)).isEqualTo("Book a flight to Lisbon");
    assertThat(span.getAttributes().get(INTENT_PROMPT_HASH))
        .isEqualTo(ContentHasher.hash("Book a flight to Lisbon", null));
    assertThat(span.getAttributes().get(INTENT_OBJECTIVE)).isEqualTo("You are a travel agent.");
    assertThat(span.getAttributes().get(INTENT_OBJECTIVE_HASH))
        .isEqualTo(ContentHasher.hash("You are a travel agent.", null));
    assertThat(span.getAttributes().get(WORKLOAD_ID)).isEqualTo("spiffe://example.org/travel");
    assertThat(span.getAttributes().get(WORKLOAD_ID_SOURCE)).isEqualTo("spiffe");
    assertThat(span.getAttributes().get(WORKLOAD_CREDENTIAL_EXPIRES_AT))
        .isEqualTo("2030-01-03T00:00:00Z");
    assertThat(span.getAttributes().get(WORKLOAD_HINTS))
        .containsExactly("aws_container_credentials");
    assertThat(span.getAttributes().get(RECORD_COMPLETE)).isTrue();
    assertThat(span.getAttributes().get(RECORD_MISSING)).isEmpty();
    assertThat(span.getAttributes().get(WORKLOAD_PRINCIPAL))
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/travel/s1");
    assertThat(span.getAttributes().get(GEN_AI_CONVERSATION_ID)).as("the first").isEqualTo("c-1");
    TestSdk.assertNothingDropped(List.of(span));
  }

  @Test
  void aNestedInvocationIsAChildInTheSameCaseWithoutTheCaseVerdict() {
    AgentInvocation outer = cases.start("Planner", "Planner.plan");
    String outerCaseId = CaseIds.fromContext(Context.current());
    AgentInvocation inner = cases.start("Researcher", "Researcher.search");
    String innerCaseId = CaseIds.fromContext(Context.current());
    cases.end(inner, null);
    cases.end(outer, null);

    assertThat(innerCaseId).isEqualTo(outerCaseId);
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("invoke_agent Researcher", "invoke_agent Planner");
    SpanData innerSpan = spans.get(0);
    SpanData outerSpan = spans.get(1);
    assertThat(innerSpan.getParentSpanId()).isEqualTo(outerSpan.getSpanId());
    assertThat(innerSpan.getAttributes().get(RECORD_COMPLETE)).isNull();
    assertThat(innerSpan.getAttributes().get(RECORD_MISSING)).isNull();
    assertThat(innerSpan.getAttributes().get(WORKLOAD_ID)).isNull();
    assertThat(outerSpan.getAttributes().get(RECORD_COMPLETE)).isFalse();
  }

  @Test
  void anErrorMarksTheSpan() {
    cases.end(
        cases.start("TravelAssistant", "TravelAssistant.chat"),
        new IllegalStateException("model timed out"));

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void keepsTheCaseIdThatArrivedInBaggage() {
    String arrived = "4bf92f3577b34da6a3ce929d0e0e4736";
    Context parent = Context.root().with(Baggage.builder().put(CASE_ID_KEY, arrived).build());

    String caseId;
    try (Scope ignored = parent.makeCurrent()) {
      AgentInvocation invocation = cases.start("TravelAssistant", "TravelAssistant.chat");
      caseId = CaseIds.fromContext(Context.current());
      cases.end(invocation, null);
    }

    assertThat(caseId).isEqualTo(arrived);
    // Still the outermost invocation in this process, so it carries the case verdict.
    assertThat(onlySpan().getAttributes().get(RECORD_COMPLETE)).isNotNull();
  }

  private SpanData onlySpan() {
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    return exporter.getFinishedSpanItems().get(0);
  }
}
