package dev.custody.cli.findings;

import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED;
import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED_BY;
import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_BY;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_ERROR;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;
import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED;
import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED_IN;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.cli.source.OtlpJsonLines;
import dev.custody.core.findings.CaseFinding;
import dev.custody.exporter.file.OtlpJsonFileSpanExporter;
import dev.custody.exporter.integrity.EvidenceSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case written by the real SDK to {@code custody-file}, with the attributes' real types
 * (booleans, numbers, arrays, events), read back as the investigator's tool reads it.
 */
class ExportedCaseFindingsTest {

  private static final String CASE = "6f1c0e9ad2b84d0f9a51c3e27b8d4410";

  @TempDir Path dir;

  @Test
  void aRefundThatRanDespiteADenyOnAStaticKeyThatOutlivedTheCase() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    export(file);
    List<EvidenceSpan> spans = new ArrayList<>();
    OtlpJsonLines.read(file, received -> spans.add(received.evidence()));

    assertThat(Findings.in(new CaseSpans(CASE, spans)))
        .extracting(CaseFinding::rule)
        .containsExactlyInAnyOrder(
            "tool-despite-deny",
            "secret-exposed-to-model",
            "unknown-workload-identity",
            "static-secret",
            "authority-outlived-case",
            "record-incomplete");
  }

  private static void export(Path file) {
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new OtlpJsonFileSpanExporter(file)))
            .build();
    Tracer tracer = tracing.get("custody", "0.1.0");
    Span root =
        tracer
            .spanBuilder("invoke_agent OrdersAssistant")
            .setAttribute(CASE_ID, CASE)
            .setAttribute(WORKLOAD_ID, "unknown")
            .startSpan();
    try (Scope ignored = root.makeCurrent()) {
      tracer
          .spanBuilder("fetch vault")
          .setAttribute(CASE_ID, CASE)
          .setAttribute(CREDENTIAL_PROVIDER, "vault")
          .setAttribute(CREDENTIAL_ID, "secret/payments")
          .setAttribute(CREDENTIAL_EXPIRY, "none")
          .setAttribute(SECRET_EXPOSED, true)
          .setAttribute(SECRET_EXPOSED_IN, List.of("prompt"))
          .startSpan()
          .end();
      Span refund =
          tracer.spanBuilder("execute_tool refundOrder").setAttribute(CASE_ID, CASE).startSpan();
      try (Scope inTool = refund.makeCurrent()) {
        tracer
            .spanBuilder("policy_decision opa payments/refund/allow")
            .setAttribute(CASE_ID, CASE)
            .setAttribute(POLICY_ENGINE, "opa")
            .setAttribute(POLICY_DECISION, "deny")
            .setAttribute(POLICY_ID, "payments/refund/allow")
            .startSpan()
            .end();
        // The payout the deny should have stopped.
        tracer
            .spanBuilder("POST")
            .setAttribute(CASE_ID, CASE)
            .setAttribute(CREDENTIAL_USED, "secret/payments")
            .startSpan()
            .end();
      }
      refund
          .setAttribute(POLICY_DECISION, "deny")
          .setAttribute(POLICY_DENIED, true)
          .setAttribute(POLICY_DENIED_BY, List.of("payments/refund/allow"))
          .setAttribute(ERROR_TYPE, POLICY_DENIED_ERROR)
          .setStatus(StatusCode.ERROR, POLICY_DENIED_ERROR)
          .end();
    }
    root.setAttribute(CREDENTIALS_OUTSTANDING, 1L)
        .setAttribute(AUTHORITY_UNBOUNDED, true)
        .setAttribute(AUTHORITY_UNBOUNDED_BY, List.of("secret/payments"))
        .setAttribute(RECORD_COMPLETE, false)
        .setAttribute(RECORD_MISSING, List.of("workload_identity"))
        .addEvent(
            CREDENTIAL_OUTSTANDING_EVENT,
            Attributes.of(CREDENTIAL_ID, "secret/payments", CREDENTIAL_EXPIRY, "none"))
        .end();
    tracing.shutdown().join(10, TimeUnit.SECONDS);
  }
}
