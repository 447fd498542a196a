package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.TestSdk;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A framework's own agent spans (Google ADK's) as the case root and its sub-agents. */
class AdoptedCasesTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private Tracer framework;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    framework = GlobalOpenTelemetry.getTracer("gcp.vertex.agent");
  }

  @AfterEach
  void resetGlobals() {
    TestSdk.closeGlobal(sdk);
  }

  @Test
  void theFirstAgentSpanOfTheTaskIsTheCaseRootAndTheNextASubAgent() {
    Context task = AdoptedCases.open(Context.root(), "travel_desk", "Handles bookings.");
    String caseId = CaseIds.fromContext(task);
    try (Scope ignored = task.makeCurrent()) {
      Span runner = framework.spanBuilder("invocation").startSpan();
      try (Scope inRunner = runner.makeCurrent()) {
        Span root = framework.spanBuilder("invoke_agent travel_desk").startSpan();
        try (Scope inRoot = root.makeCurrent()) {
          AgentInvocation invocation = AdoptedCases.adoptRoot(Context.current(), root);
          invocation.recordIntent("Cancel B-42", null);
          assertThat(CaseRecords.current().rootSpan()).isSameAs(root);
          assertThat(AdoptedCases.open(Context.current(), "visa_expert", "Visas."))
              .as("a runner inside the task opens no case")
              .isSameAs(Context.current());

          Span subAgent = framework.spanBuilder("invoke_agent visa_expert").startSpan();
          assertThat(AdoptedCases.adoptRoot(Context.current().with(subAgent), subAgent)).isNull();
          subAgent.end();
          AdoptedCases.endRoot(invocation, null);
        }
        root.end();
      }
      runner.end();
    }

    assertThat(caseId).matches("[0-9a-f]{32}");
    SpanData root = span("invoke_agent travel_desk");
    assertThat(root.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
    assertThat(root.getAttributes().get(GEN_AI_AGENT_NAME)).isEqualTo("travel_desk");
    assertThat(root.getAttributes().get(WORKLOAD_ID)).isEqualTo("unknown");
    assertThat(root.getAttributes().get(INTENT_PROMPT)).isEqualTo("Cancel B-42");
    assertThat(root.getAttributes().get(INTENT_OBJECTIVE)).isEqualTo("Handles bookings.");
    assertThat(root.getAttributes().get(RECORD_COMPLETE)).isFalse();
    assertThat(root.getAttributes().get(RECORD_MISSING)).isEqualTo(List.of("workload_identity"));
    SpanData subAgent = span("invoke_agent visa_expert");
    assertThat(subAgent.getAttributes().get(WORKLOAD_ID)).isNull();
    assertThat(subAgent.getAttributes().get(RECORD_COMPLETE)).isNull();
  }

  @Test
  void noCaseAwaitsARootOutsideATask() {
    Span span = framework.spanBuilder("invoke_agent travel_desk").startSpan();
    assertThat(AdoptedCases.adoptRoot(Context.root().with(span), span)).isNull();
    span.end();

    assertThat(span("invoke_agent travel_desk").getAttributes().get(WORKLOAD_ID)).isNull();
  }

  @Test
  void aRunnerInsideAnInvocationOfCustodysIsASubAgentOfIt() {
    AgentCases cases = new AgentCases("test");
    AgentInvocation outer = cases.start("SupportAgent", "SupportAgent.chat");
    Context task = AdoptedCases.open(Context.current(), "travel_desk", "Handles bookings.");
    Span adk = framework.spanBuilder("invoke_agent travel_desk").setParent(task).startSpan();
    AgentInvocation adopted = AdoptedCases.adoptRoot(task.with(adk), adk);
    adk.end();
    cases.end(outer, null);

    assertThat(task).isSameAs(outer.context());
    assertThat(adopted).isNull();
    assertThat(span("invoke_agent travel_desk").getAttributes().get(WORKLOAD_ID)).isNull();
    assertThat(span("invoke_agent SupportAgent").getAttributes().get(WORKLOAD_ID))
        .isEqualTo("unknown");
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
