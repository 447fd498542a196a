package dev.custody.core.escalations;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.ESCALATION_COUNT;
import static dev.custody.core.CustodyAttributes.ESCALATION_KIND;
import static dev.custody.core.CustodyAttributes.ESCALATION_OUTCOME;
import static dev.custody.core.CustodyAttributes.ESCALATION_OUTCOMES;
import static dev.custody.core.CustodyAttributes.ESCALATION_PENDING;
import static dev.custody.core.CustodyAttributes.ESCALATION_REQUEST;
import static dev.custody.core.CustodyAttributes.ESCALATION_WAIT_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custody.core.TestSdk;
import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationsTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private AgentCases cases;
  private Escalations escalations;

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    cases = new AgentCases("test");
    escalations = new Escalations("test");
  }

  @AfterEach
  void resetGlobals() {
    TestSdk.closeGlobal(sdk);
  }

  @Test
  void aQuestionAskedInOneRunAndAnsweredInTheNextIsOneCaseCountedOnBoth() {
    AgentInvocation asking = cases.start("graph", "run the graph");
    asking.releaseScope();
    Escalation escalation =
        escalations.ask(asking.context(), "interrupt", "interrupted before node tools", null);
    cases.end(asking, null);

    AgentInvocation answering;
    try (Scope ignored = escalation.continuation(Context.root()).makeCurrent()) {
      answering = cases.start("graph", "run the graph");
      answering.releaseScope();
    }
    escalation.markChanged();
    escalation.answer(answering.context(), escalation.approvedOrChanged());
    escalation.answer(answering.context(), Escalation.DENIED);
    cases.end(answering, null);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData first = spans.get(0);
    SpanData question = named(spans, "escalation interrupt");
    SpanData second = spans.get(2);
    assertThat(question.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(question.getParentSpanId()).isEqualTo(first.getSpanId());
    assertThat(question.getAttributes().get(ESCALATION_KIND)).isEqualTo("interrupt");
    assertThat(question.getAttributes().get(ESCALATION_REQUEST))
        .isEqualTo("interrupted before node tools");
    assertThat(question.getAttributes().get(ESCALATION_OUTCOME)).isEqualTo("changed");
    assertThat(question.getAttributes().get(ESCALATION_WAIT_MS)).isNotNull();
    assertThat(second.getParentSpanId()).isEqualTo(first.getSpanId());
    assertThat(second.getAttributes().get(CASE_ID)).isEqualTo(first.getAttributes().get(CASE_ID));
    assertThat(first.getAttributes().get(ESCALATION_COUNT)).isEqualTo(1);
    assertThat(first.getAttributes().get(ESCALATION_PENDING)).isEqualTo(1);
    assertThat(first.getAttributes().get(ESCALATION_OUTCOMES)).isNull();
    assertThat(second.getAttributes().get(ESCALATION_COUNT)).isEqualTo(0);
    assertThat(second.getAttributes().get(ESCALATION_PENDING)).isNull();
    assertThat(second.getAttributes().get(ESCALATION_OUTCOMES)).containsExactly("changed");
    TestSdk.assertNothingDropped(spans);
  }

  @Test
  void anAnswerOnARequestStaysInTheRequestAndTakesTheQuestionsCase() {
    AgentInvocation asking = cases.start("graph", "run the graph");
    asking.releaseScope();
    Escalation escalation = escalations.ask(asking.context(), "interrupt", "approve?", null);
    cases.end(asking, null);
    String askedIn = CaseIds.fromContext(asking.context());

    Context request =
        Context.root()
            .with(sdk.getTracer("test").spanBuilder("POST /approve").setNoParent().startSpan());
    Context continued = escalation.continuation(request);

    assertThat(continued).isNotSameAs(request);
    assertThat(CaseIds.fromContext(continued)).isEqualTo(askedIn);
    Context requestInCase = CaseIds.withCaseId(request);
    assertThat(escalation.continuation(requestInCase))
        .as("a request's own case is kept")
        .isSameAs(requestInCase);
  }

  @Test
  void pastItsBoundTheOldestQuestionTimesOutAndAskingAgainCancels() {
    PendingEscalations<String> pending = new PendingEscalations<>(2);
    pending.put("a", escalations.ask(Context.root(), "interrupt", "a?", null));
    pending.put("b", escalations.ask(Context.root(), "interrupt", "b?", null));
    pending.put("b", escalations.ask(Context.root(), "interrupt", "b again?", null));
    pending.put("c", escalations.ask(Context.root(), "interrupt", "c?", null));

    assertThat(exporter.getFinishedSpanItems())
        .extracting(
            span -> span.getAttributes().get(ESCALATION_REQUEST),
            span -> span.getAttributes().get(ESCALATION_OUTCOME))
        .containsExactly(tuple("b?", "cancelled"), tuple("a?", "timed_out"));
    assertThat(pending.take("a")).isNull();
    assertThat(pending.peek("b")).isNotNull();
    assertThat(pending.take("c")).isNotNull();
    assertThat(pending.take("c")).isNull();
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
  }
}
