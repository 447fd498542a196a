package dev.custody.extension.findings;

import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED;
import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;
import static dev.custody.core.CustodyAttributes.FINDINGS;
import static dev.custody.core.CustodyAttributes.FINDINGS_COUNT;
import static dev.custody.core.CustodyAttributes.FINDING_EVENT;
import static dev.custody.core.CustodyAttributes.FINDING_RULE;
import static dev.custody.core.CustodyAttributes.FINDING_SEVERITY;
import static dev.custody.core.CustodyAttributes.FINDING_SPAN_ID;
import static dev.custody.core.CustodyAttributes.FINDING_SUMMARY;
import static dev.custody.core.CustodyAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_NAME;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;
import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.exporter.SdkInternals;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The findings a case root carries as it ends, from real SDK spans with their real types. */
class CaseFindingsSpanProcessorTest {

  private static final String ROOT_ID = "00f067aa0ba902b7";
  private static final String SPIFFE = "spiffe://prod.example/ns/agents/sa/orders";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final CaseFindingsSpanProcessor processor = new CaseFindingsSpanProcessor();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(processor)
          .addSpanProcessor(SdkInternals.onEnding(processor::ending))
          .addSpanProcessor(SimpleSpanProcessor.create(exported))
          .build();
  private final Tracer tracer = tracing.get("test");

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void aRefundThatRanDespiteADenyOnAStaticKeyThatOutlivedTheCase() {
    SpanData root =
        runCase(
            "6f1c0e9ad2b84d0f9a51c3e27b8d4a0a",
            "unknown",
            () -> {
              Span fetch =
                  child("fetch vault")
                      .setAttribute(CREDENTIAL_PROVIDER, "vault")
                      .setAttribute(CREDENTIAL_ID, "secret/payments")
                      .setAttribute(CREDENTIAL_EXPIRY, "none")
                      .setAttribute(SECRET_EXPOSED, true);
              fetch.end();
              Span refund = tool("refundOrder");
              try (Scope inTool = refund.makeCurrent()) {
                child("policy_decision opa payments/refund/allow")
                    .setAttribute(POLICY_ENGINE, "opa")
                    .setAttribute(POLICY_DECISION, "deny")
                    .setAttribute(POLICY_ID, "payments/refund/allow")
                    .end();
              }
              refund.end();
            },
            ending ->
                ending
                    .setAttribute(CREDENTIALS_OUTSTANDING, 1L)
                    .setAttribute(AUTHORITY_UNBOUNDED, true)
                    .setAttribute(RECORD_COMPLETE, false)
                    .setAttribute(RECORD_MISSING, List.of("workload_identity"))
                    .addEvent(
                        CREDENTIAL_OUTSTANDING_EVENT,
                        Attributes.of(CREDENTIAL_ID, "secret/payments")));

    assertThat(root.getAttributes().get(FINDINGS))
        .containsExactly(
            "secret-exposed-to-model",
            "tool-despite-deny",
            "authority-outlived-case",
            "unknown-workload-identity",
            "static-secret",
            "record-incomplete");
    assertThat(root.getAttributes().get(FINDINGS_COUNT)).isEqualTo(6L);
    List<EventData> events = findingEvents(root);
    assertThat(events).hasSize(6);
    assertThat(events.get(1).getAttributes().asMap())
        .containsEntry(FINDING_RULE, "tool-despite-deny")
        .containsEntry(FINDING_SEVERITY, "high")
        .containsEntry(FINDING_SPAN_ID, spanNamed("execute_tool refundOrder").getSpanId())
        .containsEntry(
            FINDING_SUMMARY,
            "tool refundOrder ran to completion although 'policy_decision opa"
                + " payments/refund/allow' denied it (policy payments/refund/allow)");
    assertThat(events.get(2).getAttributes().get(FINDING_SUMMARY))
        .contains("1 credential still valid (secret/payments), and one of them never expires");
    assertThat(root.getTotalAttributeCount()).isEqualTo(root.getAttributes().size());
  }

  @Test
  void anUnauthorisedWriteAndAnExpiredKey() {
    SpanData root =
        runCase(
            "6f1c0e9ad2b84d0f9a51c3e27b8d4b0b",
            SPIFFE,
            () -> {
              child("fetch vault")
                  .setAttribute(CREDENTIAL_PROVIDER, "vault")
                  .setAttribute(CREDENTIAL_ID, "vault:database/creds/1")
                  .setAttribute(CREDENTIAL_EXPIRES_AT, Instant.now().minusSeconds(60).toString())
                  .end();
              Span refund = tool("refundOrder");
              try (Scope inTool = refund.makeCurrent()) {
                tracer
                    .spanBuilder("POST")
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(CASE_ID, "6f1c0e9ad2b84d0f9a51c3e27b8d4b0b")
                    .setAttribute("http.request.method", "POST")
                    .setAttribute("url.full", "http://payments.local/refunds")
                    .setAttribute(CREDENTIAL_USED, "vault:database/creds/1")
                    .startSpan()
                    .end();
              }
              refund.end();
            },
            completeRecord());

    assertThat(root.getAttributes().get(FINDINGS))
        .containsExactly("credential-used-after-expiry", "unauthorised-action");
    assertThat(findingEvents(root))
        .extracting(event -> event.getAttributes().get(FINDING_SPAN_ID))
        .containsOnly(spanNamed("POST").getSpanId());
  }

  @Test
  void aSecretInWhatTheCaseSentTheModelNotAnotherValue() {
    SpanData root =
        runCase(
            "6f1c0e9ad2b84d0f9a51c3e27b8d4d0d",
            SPIFFE,
            () -> {
              chat("[{\"role\":\"user\",\"content\":\"order 17 for alice, please\"}]");
              chat("[{\"role\":\"tool\",\"content\":\"db password=Tr0ub4dor-and-3\"}]");
            },
            completeRecord());

    assertThat(root.getAttributes().get(FINDINGS)).containsExactly("secret-exposed-to-model");
    assertThat(findingEvents(root))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getAttributes().get(FINDING_SPAN_ID))
                  .isEqualTo(spanNamed("chat gpt-4o").getSpanId());
              assertThat(event.getAttributes().get(FINDING_SUMMARY))
                  .isEqualTo(
                      "'chat gpt-4o' sent the model a secret ([REDACTED:password] in its input)");
            });
  }

  private void chat(String input) {
    child("chat gpt-4o")
        .setAttribute(GEN_AI_OPERATION_NAME, "chat")
        .setAttribute(GEN_AI_INPUT_MESSAGES, input)
        .end();
  }

  @Test
  void aCaseWithNothingToWorryAboutSaysSo() {
    SpanData root =
        runCase(
            "6f1c0e9ad2b84d0f9a51c3e27b8d4c0c",
            SPIFFE,
            () ->
                child("fetch vault")
                    .setAttribute(CREDENTIAL_PROVIDER, "vault")
                    .setAttribute(CREDENTIAL_ID, "vault:database/creds/2")
                    .setAttribute(CREDENTIAL_EXPIRES_AT, Instant.now().plusSeconds(3600).toString())
                    .end(),
            completeRecord());

    assertThat(root.getAttributes().get(FINDINGS_COUNT)).isZero();
    assertThat(root.getAttributes().get(FINDINGS)).isNull();
    assertThat(findingEvents(root)).isEmpty();
  }

  @Test
  void aCredentialTheProcessSawInAnEarlierCase() {
    Runnable presentsKey =
        () ->
            tracer
                .spanBuilder("GET")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(CASE_ID, Baggage.current().getEntryValue(CASE_ID_KEY))
                .setAttribute(CREDENTIAL_USED, "sk-fp:1a2b3c")
                .startSpan()
                .end();
    SpanData first =
        runCase("6f1c0e9ad2b84d0f9a51c3e27b8d4101", SPIFFE, presentsKey, completeRecord());
    SpanData second =
        runCase("6f1c0e9ad2b84d0f9a51c3e27b8d4102", SPIFFE, presentsKey, completeRecord());

    assertThat(first.getAttributes().get(FINDINGS)).isNull();
    assertThat(second.getAttributes().get(FINDINGS))
        .containsExactly("credential-shared-across-cases");
    assertThat(findingEvents(second).get(0).getAttributes().get(FINDING_SUMMARY))
        .isEqualTo(
            "sk-fp:1a2b3c, presented here by 'GET', is used by 2 cases: also 6f1c0e9ad2b84d0f9a51c3e27b8d4101");
  }

  @Test
  void spansOfACaseWhoseRootIsElsewhereAreNotKept() {
    OpenCases open = new OpenCases();
    open.started("here");
    for (int i = 0; i < OpenCases.MAX_OPEN_CASES; i++) {
      open.started("later-" + i);
    }

    assertThat(open.close("here", ROOT_ID)).as("a root that never ended is dropped").isNull();
    assertThat(open.close("elsewhere", ROOT_ID)).isNull();
    assertThat(open.close("later-0", ROOT_ID)).isEmpty();
  }

  @Test
  void aCaseKeepsAtMostItsShareOfSpans() {
    OpenCases open = new OpenCases();
    open.started("busy");
    for (int i = 0; i <= OpenCases.MAX_SPANS_PER_CASE; i++) {
      Span select = tracer.spanBuilder("SELECT orders").startSpan();
      select.end();
      open.ended("busy", (ReadableSpan) select);
    }

    assertThat(open.close("busy", ROOT_ID)).hasSize(OpenCases.MAX_SPANS_PER_CASE);
  }

  @Test
  void twoRootsOfOneCaseEachTakeTheSpansBelowThem() {
    String caseId = "6f1c0e9ad2b84d0f9a51c3e27b8d4e0e";
    Context context = Context.root().with(Baggage.builder().put(CASE_ID_KEY, caseId).build());
    Span producer = root(context, "invoke_agent Producer");
    Span consumer = root(context, "invoke_agent Consumer");
    tracer
        .spanBuilder("fetch vault")
        .setParent(context.with(consumer))
        .setAttribute(CASE_ID, caseId)
        .setAttribute(CREDENTIAL_PROVIDER, "vault")
        .setAttribute(CREDENTIAL_ID, "secret/payments")
        .setAttribute(CREDENTIAL_EXPIRY, "none")
        .startSpan()
        .end();
    completeRecord().accept(producer);
    producer.end();
    completeRecord().accept(consumer);
    consumer.end();

    assertThat(spanNamed("invoke_agent Producer").getAttributes().get(FINDINGS)).isNull();
    assertThat(spanNamed("invoke_agent Consumer").getAttributes().get(FINDINGS))
        .containsExactly("static-secret");
  }

  private Span root(Context context, String name) {
    return tracer
        .spanBuilder(name)
        .setParent(context)
        .setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent")
        .setAttribute(WORKLOAD_ID, SPIFFE)
        .setAttribute(CASE_ID, Baggage.fromContext(context).getEntryValue(CASE_ID_KEY))
        .startSpan();
  }

  private static Consumer<Span> completeRecord() {
    return ending ->
        ending
            .setAttribute(CREDENTIALS_OUTSTANDING, 0L)
            .setAttribute(RECORD_COMPLETE, true)
            .setAttribute(RECORD_MISSING, List.of());
  }

  /**
   * Runs a case root as the core does: its workload and case id from its start, its verdict set by
   * {@code ending} just before it ends; returns the root as exported.
   */
  private SpanData runCase(String caseId, String workload, Runnable inCase, Consumer<Span> ending) {
    Context context = Context.root().with(Baggage.builder().put(CASE_ID_KEY, caseId).build());
    Span root =
        tracer
            .spanBuilder("invoke_agent OrdersAssistant")
            .setParent(context)
            .setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent")
            .setAttribute(WORKLOAD_ID, workload)
            .setAttribute(CASE_ID, caseId)
            .startSpan();
    try (Scope inRoot = root.storeInContext(context).makeCurrent()) {
      inCase.run();
    }
    ending.accept(root);
    root.end();
    return exported.getFinishedSpanItems().stream()
        .filter(span -> span.getSpanId().equals(root.getSpanContext().getSpanId()))
        .findFirst()
        .orElseThrow();
  }

  private Span child(String name) {
    return tracer
        .spanBuilder(name)
        .setAttribute(CASE_ID, Baggage.current().getEntryValue(CASE_ID_KEY))
        .startSpan();
  }

  private Span tool(String name) {
    return child("execute_tool " + name)
        .setAttribute(GEN_AI_OPERATION_NAME, "execute_tool")
        .setAttribute(GEN_AI_TOOL_NAME, name);
  }

  private SpanData spanNamed(String name) {
    return exported.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .reduce((first, last) -> last)
        .orElseThrow();
  }

  private static List<EventData> findingEvents(SpanData root) {
    return root.getEvents().stream().filter(e -> e.getName().equals(FINDING_EVENT)).toList();
  }
}
