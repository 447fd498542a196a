package dev.custody.extension.metrics;

import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_KIND;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OBTAINED_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.FINDINGS;
import static dev.custody.core.CustodyAttributes.FINDING_RULE;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_NAME;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;
import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.TEARDOWN_KIND;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static dev.custody.extension.metrics.CaseCounters.TOOL_OUTCOME;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseMetricsSpanProcessorTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .addSpanProcessor(
              new CaseMetricsSpanProcessor(() -> meterProvider.get(CaseMetricsSpanProcessor.SCOPE)))
          .build();

  @AfterEach
  void close() {
    tracerProvider.close();
    meterProvider.close();
  }

  @Test
  void countsCasesByAgentWorkloadVerdictAndDenial() {
    endCase("orders", "spiffe://prod/orders", true, true, 2, "vault/lease", "aws/session");
    endCase("orders", "spiffe://prod/orders", true, true, 0);
    endCase("orders", "unknown", false, false, 1);
    end("invoke_agent sub-agent", span -> span.setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent"));

    assertThat(points("custody.cases"))
        .containsOnly(
            Map.entry(
                Attributes.of(
                    GEN_AI_AGENT_NAME,
                    "orders",
                    WORKLOAD_ID,
                    "spiffe://prod/orders",
                    RECORD_COMPLETE,
                    true,
                    POLICY_DENIED,
                    true),
                2L),
            Map.entry(
                Attributes.of(
                    GEN_AI_AGENT_NAME,
                    "orders",
                    WORKLOAD_ID,
                    "unknown",
                    RECORD_COMPLETE,
                    false,
                    POLICY_DENIED,
                    false),
                1L));
    assertThat(points("custody.credentials.outstanding_at_case_end"))
        .as("by provider and kind, as the root's events name them; unknown when none does")
        .containsOnly(
            Map.entry(outstanding("spiffe://prod/orders", "vault", "lease"), 1L),
            Map.entry(outstanding("spiffe://prod/orders", "aws", "session"), 1L),
            Map.entry(outstanding("unknown", "unknown", "unknown"), 1L));
  }

  private static Attributes outstanding(String workload, String provider, String kind) {
    return Attributes.of(
        GEN_AI_AGENT_NAME,
        "orders",
        WORKLOAD_ID,
        workload,
        CREDENTIAL_PROVIDER,
        provider,
        CREDENTIAL_KIND,
        kind);
  }

  @Test
  void countsCasesByTheRulesOfTheirFindings() {
    endCase("orders", "unknown", false, false, 0);
    for (int i = 0; i < 2; i++) {
      end(
          "invoke_agent orders",
          span ->
              span.setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent")
                  .setAttribute(GEN_AI_AGENT_NAME, "orders")
                  .setAttribute(WORKLOAD_ID, "unknown")
                  .setAttribute(RECORD_COMPLETE, false)
                  .setAttribute(
                      FINDINGS, List.of("unknown-workload-identity", "record-incomplete")));
    }

    assertThat(points("custody.findings"))
        .containsOnly(
            Map.entry(finding("unknown-workload-identity"), 2L),
            Map.entry(finding("record-incomplete"), 2L));
  }

  private static Attributes finding(String rule) {
    return Attributes.of(FINDING_RULE, rule, GEN_AI_AGENT_NAME, "orders", WORKLOAD_ID, "unknown");
  }

  @Test
  void countsToolCallsByToolAndOutcome() {
    endTool("refund", SpanKind.INTERNAL, span -> {});
    endTool("refund", SpanKind.INTERNAL, span -> span.setAttribute(POLICY_DENIED, true));
    endTool(
        "refund",
        SpanKind.INTERNAL,
        span -> span.setAttribute(POLICY_DENIED, true).setAttribute(ERROR_TYPE, "policy_denied"));
    endTool("lookup", SpanKind.SERVER, span -> span.setAttribute(ERROR_TYPE, "tool_error"));
    endTool("lookup", SpanKind.CLIENT, span -> {});

    assertThat(points("custody.tool.calls"))
        .containsOnly(
            Map.entry(Attributes.of(GEN_AI_TOOL_NAME, "refund", TOOL_OUTCOME, "ok"), 1L),
            Map.entry(Attributes.of(GEN_AI_TOOL_NAME, "refund", TOOL_OUTCOME, "denied"), 2L),
            Map.entry(Attributes.of(GEN_AI_TOOL_NAME, "lookup", TOOL_OUTCOME, "error"), 1L));
  }

  @Test
  void countsDecisionsByEnginePolicyAndDecision() {
    endDecision("opa", "httpapi/authz/allow", "allow");
    endDecision("opa", "httpapi/authz/allow", "deny");
    endDecision("cedar", "policy1,policy2", "deny");
    endDecision("opa", "httpapi/authz/allow", null);

    assertThat(points("custody.policy.decisions"))
        .containsOnly(
            Map.entry(decision("opa", "httpapi/authz/allow", "allow"), 1L),
            Map.entry(decision("opa", "httpapi/authz/allow", "deny"), 1L),
            Map.entry(decision("cedar", "policy1,policy2", "deny"), 1L),
            Map.entry(decision("opa", "httpapi/authz/allow", "error"), 1L));
  }

  @Test
  void countsCredentialsObtainedNotTeardownsNorFailures() {
    endCredential(span -> span.setAttribute(CREDENTIAL_ID, "vault:database/creds/readonly"));
    endCredential(
        span ->
            span.setAttribute(CREDENTIAL_ID, "vault:database/creds/readonly")
                .setAttribute(TEARDOWN_KIND, "revoked"));
    endCredential(
        span ->
            span.setAttribute(CREDENTIAL_ID, "vault:secret/missing")
                .setAttribute(ERROR_TYPE, "403"));
    end(
        "BatchGetSecretValue",
        span -> {
          span.setAttribute(CREDENTIAL_PROVIDER, "aws-secretsmanager")
              .setAttribute(CREDENTIAL_KIND, "secret");
          for (String id : new String[] {"prod/db", "prod/api"}) {
            span.addEvent(
                CREDENTIAL_OBTAINED_EVENT,
                Attributes.of(
                    CREDENTIAL_PROVIDER, "aws-secretsmanager",
                    CREDENTIAL_KIND, "secret",
                    CREDENTIAL_ID, id));
          }
        });

    assertThat(points("custody.credentials.issued"))
        .containsOnly(
            Map.entry(Attributes.of(CREDENTIAL_PROVIDER, "vault", CREDENTIAL_KIND, "lease"), 1L),
            Map.entry(
                Attributes.of(CREDENTIAL_PROVIDER, "aws-secretsmanager", CREDENTIAL_KIND, "secret"),
                2L));
  }

  @Test
  void boundsEveryValue() {
    for (int tool = 0; tool < 105; tool++) {
      endTool("tool-" + tool, SpanKind.INTERNAL, span -> {});
    }
    endTool("x".repeat(500), SpanKind.INTERNAL, span -> {});

    Map<Attributes, Long> calls = points("custody.tool.calls");
    assertThat(calls).hasSize(101);
    assertThat(calls)
        .containsEntry(Attributes.of(GEN_AI_TOOL_NAME, "other", TOOL_OUTCOME, "ok"), 6L);
    assertThat(calls.keySet())
        .allSatisfy(
            attributes ->
                assertThat(attributes.get(GEN_AI_TOOL_NAME)).hasSizeLessThanOrEqualTo(64));
  }

  @Test
  void countsNothingBeforeAMeterIsThere() {
    CaseMetricsSpanProcessor processor = new CaseMetricsSpanProcessor(() -> null);
    try (SdkTracerProvider early =
        SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
      early.get("test").spanBuilder("invoke_agent orders").startSpan().end();
    }
    assertThat(reader.collectAllMetrics()).isEmpty();
  }

  /** A case root; each of {@code outstandingEvents} ({@code provider/kind}) is an event of it. */
  private void endCase(
      String agent,
      String workload,
      boolean complete,
      boolean denied,
      long outstanding,
      String... outstandingEvents) {
    end(
        "invoke_agent " + agent,
        span -> {
          for (String event : outstandingEvents) {
            span.addEvent(
                CREDENTIAL_OUTSTANDING_EVENT,
                Attributes.of(
                    CREDENTIAL_PROVIDER,
                    event.split("/")[0],
                    CREDENTIAL_KIND,
                    event.split("/")[1]));
          }
          span.setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent")
              .setAttribute(GEN_AI_AGENT_NAME, agent)
              .setAttribute(WORKLOAD_ID, workload)
              .setAttribute(RECORD_COMPLETE, complete)
              .setAttribute(CREDENTIALS_OUTSTANDING, outstanding)
              .setAttribute("custody.case.id", "case-" + System.nanoTime());
          if (denied) {
            span.setAttribute(POLICY_DENIED, true);
          }
        });
  }

  private void endTool(String tool, SpanKind kind, Consumer<Span> outcome) {
    SpanBuilder builder =
        tracerProvider
            .get("test")
            .spanBuilder("execute_tool " + tool)
            .setSpanKind(kind)
            .setAttribute(GEN_AI_OPERATION_NAME, "execute_tool")
            .setAttribute(GEN_AI_TOOL_NAME, tool);
    Span span = builder.startSpan();
    outcome.accept(span);
    span.end();
  }

  private void endDecision(String engine, String policy, String decision) {
    end(
        "policy_decision " + engine,
        span -> {
          span.setAttribute(POLICY_ENGINE, engine).setAttribute(POLICY_ID, policy);
          if (decision == null) {
            span.setAttribute(ERROR_TYPE, "java.net.ConnectException");
          } else {
            span.setAttribute(POLICY_DECISION, decision);
          }
        });
  }

  private void endCredential(Consumer<Span> facts) {
    end(
        "fetch vault",
        span -> {
          span.setAttribute(CREDENTIAL_PROVIDER, "vault").setAttribute(CREDENTIAL_KIND, "lease");
          facts.accept(span);
        });
  }

  private void end(String name, Consumer<Span> attributes) {
    Span span = tracerProvider.get("test").spanBuilder(name).startSpan();
    attributes.accept(span);
    span.end();
  }

  private static Attributes decision(String engine, String policy, String decision) {
    return Attributes.of(POLICY_ENGINE, engine, POLICY_ID, policy, POLICY_DECISION, decision);
  }

  /** Each point of the counter {@code name}: its attributes and its sum. */
  private Map<Attributes, Long> points(String name) {
    return reader.collectAllMetrics().stream()
        .filter(metric -> metric.getName().equals(name))
        .map(MetricData::getLongSumData)
        .flatMap(sum -> sum.getPoints().stream())
        .collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
  }
}
