package dev.custody.cli.cases;

import dev.custody.exporter.file.OtlpJsonFileSpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an orders desk exported to {@code custody-file}: a refund case for alice (a policy allowed
 * the lookup and denied the refund, a Vault lease presented to the orders API, revoked after the
 * case on a scheduler's thread, valid an hour from now) and a later, plain case for bob.
 */
final class TwoCasesOfADesk {

  static final String REFUND_CASE = "6f1c0e9ad2b84d0f9a51c3e27b8d4410";
  static final String STATUS_CASE = "0d2a9c4e51f7468b9e3a7c15d0b8e222";
  static final String LEASE = "database/creds/orders/Xk2mP9qR7sT1uV3wY5zA8bC0";

  private TwoCasesOfADesk() {}

  static void export(Path file) {
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), "orders-agent")))
            .addSpanProcessor(SimpleSpanProcessor.create(new OtlpJsonFileSpanExporter(file)))
            .build();
    Tracer tracer = tracing.get("custody-langchain4j", "0.1.0");
    long t0 = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    String issued =
        Instant.ofEpochMilli(System.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS).toString();
    String expires = Instant.parse(issued).plus(Duration.ofHours(1)).toString();

    Span root =
        inCase(tracer.spanBuilder("invoke_agent OrdersAssistant"), REFUND_CASE)
            .setStartTimestamp(t0, TimeUnit.NANOSECONDS)
            .setAttribute("gen_ai.agent.name", "OrdersAssistant")
            .setAttribute("custody.intent.prompt", "Refund order A-1 to my card")
            .setAttribute("custody.intent.objective", "OrdersAssistant.chat")
            .setAttribute("custody.workload.id", "spiffe://example.org/orders-agent")
            .setAttribute("custody.workload.id.source", "spiffe")
            .setAttribute("enduser.id", "alice@example.com")
            .setAttribute("custody.enduser.issuer", "https://idp.example.com")
            .setAttribute("custody.record.complete", false)
            .setAttribute(
                AttributeKey.stringArrayKey("custody.record.missing"), List.of("policy_input"))
            .setAttribute("custody.policy.denied", true)
            .setAttribute("custody.credentials.outstanding", 1L)
            .setAttribute("custody.authority.ends_at", expires)
            .startSpan();
    Span fetch;
    try (Scope ignored = root.makeCurrent()) {
      child(tracer, "policy_decision opa", REFUND_CASE, t0, 5)
          .setAttribute("custody.policy.engine", "opa")
          .setAttribute("custody.policy.id", "orders/lookup")
          .setAttribute("custody.policy.decision", "allow")
          .setAttribute("custody.policy.decision_id", "d-41")
          .startSpan()
          .end(t0 + ms(7), TimeUnit.NANOSECONDS);
      fetch =
          child(tracer, "fetch vault", REFUND_CASE, t0, 10)
              .setAttribute("custody.credential.provider", "vault")
              .setAttribute("custody.credential.kind", "lease")
              .setAttribute("custody.credential.id", LEASE)
              .setAttribute("custody.credential.issued_at", issued)
              .setAttribute("custody.credential.expires_at", expires)
              .startSpan();
      fetch.end(t0 + ms(15), TimeUnit.NANOSECONDS);
      Span lookup =
          child(tracer, "execute_tool lookupOrder", REFUND_CASE, t0, 20)
              .setAttribute("gen_ai.tool.call.arguments", "{\"order\":\"A-1\"}")
              .setAttribute("gen_ai.tool.call.result", "shipped on 12 June")
              .startSpan();
      try (Scope inTool = lookup.makeCurrent()) {
        child(tracer, "GET", REFUND_CASE, t0, 25)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("url.full", "https://orders.internal/orders/A-1")
            .setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
            .setAttribute("custody.credential.used", LEASE)
            .startSpan()
            .end(t0 + ms(35), TimeUnit.NANOSECONDS);
      }
      lookup.end(t0 + ms(50), TimeUnit.NANOSECONDS);
      child(tracer, "policy_decision opa", REFUND_CASE, t0, 60)
          .setAttribute("custody.policy.engine", "opa")
          .setAttribute("custody.policy.id", "orders/refund")
          .setAttribute("custody.policy.decision", "deny")
          .setAttribute("custody.policy.reason", "refunds need a human")
          .startSpan()
          .end(t0 + ms(62), TimeUnit.NANOSECONDS);
      child(tracer, "execute_tool refundOrder", REFUND_CASE, t0, 63)
          .setAttribute("gen_ai.tool.call.arguments", "{\"order\":\"A-1\",\"amount\":20}")
          .setAttribute("error.type", "policy_denied")
          .startSpan()
          .setStatus(StatusCode.ERROR, "denied by orders/refund")
          .end(t0 + ms(64), TimeUnit.NANOSECONDS);
    }
    root.end(t0 + ms(100), TimeUnit.NANOSECONDS);
    tracer
        .spanBuilder("revoke vault")
        .setNoParent()
        .addLink(fetch.getSpanContext())
        .setAttribute("custody.teardown.kind", "revoke")
        .setAttribute("custody.credential.id", LEASE)
        .setStartTimestamp(t0 + ms(900), TimeUnit.NANOSECONDS)
        .startSpan()
        .end(t0 + ms(905), TimeUnit.NANOSECONDS);

    inCase(tracer.spanBuilder("invoke_agent OrdersAssistant"), STATUS_CASE)
        .setNoParent()
        .setStartTimestamp(t0 + ms(2000), TimeUnit.NANOSECONDS)
        .setAttribute("gen_ai.agent.name", "OrdersAssistant")
        .setAttribute("enduser.id", "bob@example.com")
        .setAttribute("custody.workload.id", "spiffe://example.org/orders-agent")
        .setAttribute("custody.record.complete", true)
        .startSpan()
        .end(t0 + ms(2040), TimeUnit.NANOSECONDS);
    tracing.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static SpanBuilder inCase(SpanBuilder span, String caseId) {
    return span.setAttribute("custody.case.id", caseId);
  }

  private static SpanBuilder child(
      Tracer tracer, String name, String caseId, long t0, long atMillis) {
    return inCase(tracer.spanBuilder(name), caseId)
        .setStartTimestamp(t0 + ms(atMillis), TimeUnit.NANOSECONDS);
  }

  private static long ms(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
