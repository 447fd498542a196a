package dev.custody.core.policy;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.POLICY_ALLOWED_COUNT;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DECISIONS;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION_ID;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_BY;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_COUNT;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;
import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.POLICY_INPUT;
import static dev.custody.core.CustodyAttributes.POLICY_INPUT_HASH;
import static dev.custody.core.CustodyAttributes.POLICY_REASON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.core.TestSdk;
import dev.custody.core.cases.CaseRecords;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyDecisionsTest {

  private static final PolicyQuery READ =
      new PolicyQuery(
          "opa", null, "orders/read", "{\"input\":{\"user\":\"alice\"}}", "orders/read");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private PolicyDecisions decisions;
  private ToolCalls toolCalls;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    decisions = new PolicyDecisions("test");
    toolCalls = new ToolCalls("test");
  }

  @AfterEach
  void reset() {
    TestSdk.closeGlobal(sdk);
  }

  @Test
  void aDecisionIsAnInternalChildOfWhatAskedWithItsQuestionAndAnswer() {
    Context context = decisions.start(Context.root(), READ);
    decisions.end(
        context, READ, PolicyVerdict.decided("allow", "d-1", null, "alice owns them"), null);

    SpanData decision = exporter.getFinishedSpanItems().get(0);
    assertThat(decision.getName()).isEqualTo("policy_decision opa orders/read");
    assertThat(decision.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.INTERNAL);
    assertThat(decision.getAttributes().get(POLICY_ENGINE)).isEqualTo("opa");
    assertThat(decision.getAttributes().get(POLICY_ID)).isEqualTo("orders/read");
    assertThat(decision.getAttributes().get(POLICY_DECISION)).isEqualTo("allow");
    assertThat(decision.getAttributes().get(POLICY_DECISION_ID)).isEqualTo("d-1");
    assertThat(decision.getAttributes().get(POLICY_REASON)).isEqualTo("alice owns them");
    assertThat(decision.getAttributes().get(POLICY_INPUT)).isEqualTo(READ.input());
    assertThat(decision.getAttributes().get(POLICY_INPUT_HASH)).startsWith("sha256:");
  }

  @Test
  void aDenyMakesTheToolCallThatAskedAnErrorAndTheCaseRootCountsEachOutcome() {
    String caseId = "0af7651916cd43dd8448eb211c80319c";
    Context inCase =
        CaseRecords.startCase(
            Context.root().with(Baggage.builder().put(CASE_ID_KEY, caseId).build()));
    ToolCallRequest call = new ToolCallRequest("deleteOrders", "call-1", "function", "{}");
    Context tool = toolCalls.start(inCase, call);

    decide(tool, PolicyVerdict.decided("allow", null, null, null));
    decide(tool, PolicyVerdict.decided("deny", null, null, "bob may not delete orders"));
    decide(tool, PolicyVerdict.decided("deny", null, null, "bob may not delete orders"));
    decide(tool, PolicyVerdict.failed("internal_error", "policy not loaded"));
    toolCalls.end(tool, call, null, null);
    decisions.record(
        inCase, READ, Instant.now(), PolicyVerdict.decided("deny", null, "SP1,SP2", null), null);
    Span root = sdk.getTracer("test").spanBuilder("invoke_agent").startSpan();
    CasePolicy.recordOn(root, CaseRecords.of(inCase));
    root.end();

    SpanData toolSpan = finished("execute_tool deleteOrders");
    assertThat(toolSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(toolSpan.getStatus().getDescription()).isEqualTo("policy_denied");
    assertThat(toolSpan.getAttributes().get(ERROR_TYPE)).isEqualTo("policy_denied");
    assertThat(toolSpan.getAttributes().get(POLICY_DECISION)).isEqualTo("deny");
    assertThat(toolSpan.getAttributes().get(POLICY_DENIED)).isTrue();
    assertThat(toolSpan.getAttributes().get(POLICY_DENIED_BY)).containsExactly("orders/read");
    SpanData rootSpan = finished("invoke_agent");
    assertThat(rootSpan.getAttributes().get(POLICY_DECISIONS))
        .as("a failure is no decision")
        .isEqualTo(4L);
    assertThat(rootSpan.getAttributes().get(POLICY_ALLOWED_COUNT)).isEqualTo(1L);
    assertThat(rootSpan.getAttributes().get(POLICY_DENIED_COUNT)).isEqualTo(3L);
    assertThat(rootSpan.getAttributes().get(POLICY_DENIED)).isTrue();
    assertThat(rootSpan.getAttributes().get(POLICY_DENIED_BY))
        .containsExactly("orders/read", "SP1", "SP2");
    assertThat(rootSpan.getAttributes().get(POLICY_DECISION)).as("no last decision").isNull();
    TestSdk.assertNothingDropped(exporter.getFinishedSpanItems());
  }

  @Test
  void aToolCallThatOnlyAllowedIsNoError() {
    ToolCallRequest call = new ToolCallRequest("listOrders", "call-2", "function", "{}");
    Context tool = toolCalls.start(Context.root(), call);
    decide(tool, PolicyVerdict.decided("allow", null, null, null));
    toolCalls.end(tool, call, null, null);

    SpanData toolSpan = finished("execute_tool listOrders");
    assertThat(toolSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(toolSpan.getAttributes().get(POLICY_DECISION)).isEqualTo("allow");
    assertThat(toolSpan.getAttributes().get(POLICY_DENIED)).isNull();
    assertThat(toolSpan.getAttributes().get(ERROR_TYPE)).isNull();
  }

  @Test
  void aToolsOwnFailureStandsBeforeTheDeny() {
    ToolCallRequest call = new ToolCallRequest("deleteOrders", "call-3", "function", "{}");
    Context tool = toolCalls.start(Context.root(), call);
    decide(tool, PolicyVerdict.decided("deny", null, null, null));
    toolCalls.end(tool, call, null, new IllegalStateException("refused"));

    SpanData toolSpan = finished("execute_tool deleteOrders");
    assertThat(toolSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(toolSpan.getAttributes().get(ERROR_TYPE))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(toolSpan.getAttributes().get(POLICY_DENIED)).isTrue();
  }

  @Test
  void aFailureToDecideIsAnErrorWithTheEnginesCode() {
    decide(Context.root(), PolicyVerdict.failed("internal_error", "policy not loaded"));

    SpanData decision = exporter.getFinishedSpanItems().get(0);
    assertThat(decision.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(decision.getAttributes().get(ERROR_TYPE)).isEqualTo("internal_error");
    assertThat(decision.getAttributes().get(POLICY_REASON)).isEqualTo("policy not loaded");
    assertThat(decision.getAttributes().get(POLICY_DECISION)).isNull();
  }

  @Test
  void aCaseWithoutDecisionsSaysSo() {
    Span root = sdk.getTracer("test").spanBuilder("invoke_agent").startSpan();
    CasePolicy.recordOn(root, new CaseRecord(root));
    root.end();

    SpanData rootSpan = finished("invoke_agent");
    assertThat(rootSpan.getAttributes().get(POLICY_DECISIONS)).isZero();
    assertThat(rootSpan.getAttributes().get(POLICY_ALLOWED_COUNT)).isZero();
    assertThat(rootSpan.getAttributes().get(POLICY_DENIED_COUNT)).isZero();
    assertThat(rootSpan.getAttributes().get(POLICY_DENIED)).isNull();
    assertThat(rootSpan.getAttributes().get(POLICY_DENIED_BY)).isNull();
  }

  @Test
  void aDecisionSeenWhenAnsweredStartsWhenItWasAsked() {
    Instant asked = Instant.now().minus(250, ChronoUnit.MILLIS);
    decisions.record(
        Context.root(), READ, asked, PolicyVerdict.decided("deny", null, "SPforbid", null), null);

    SpanData decision = exporter.getFinishedSpanItems().get(0);
    assertThat(decision.getStartEpochNanos())
        .isEqualTo(TimeUnit.SECONDS.toNanos(asked.getEpochSecond()) + asked.getNano());
    assertThat(decision.getAttributes().get(POLICY_ID))
        .as("the policies that decided")
        .isEqualTo("SPforbid");
  }

  private void decide(Context parent, PolicyVerdict verdict) {
    Context context = decisions.start(parent, READ);
    decisions.end(context, READ, verdict, null);
  }

  private SpanData finished(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
