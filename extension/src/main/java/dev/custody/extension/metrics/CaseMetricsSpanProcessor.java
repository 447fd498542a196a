package dev.custody.extension.metrics;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.OPERATION_EXECUTE_TOOL;
import static dev.custody.core.CustodyAttributes.OPERATION_INVOKE_AGENT;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.function.Supplier;

/**
 * Counts cases, tool calls, policy decisions and credentials for fleet dashboards ({@link
 * CaseCounters}), from each span as it ends, told apart by what it did (its operation, policy
 * engine or credential provider), never by its name. A few attribute reads per span that is none of
 * those.
 */
public final class CaseMetricsSpanProcessor implements SpanProcessor {

  static final String SCOPE = "dev.custody.metrics";

  private final Supplier<Meter> meter;
  private volatile CaseCounters counters;

  CaseMetricsSpanProcessor(Supplier<Meter> meter) {
    this.meter = meter;
  }

  /**
   * Counting through the agent's meter once the agent has set the global OpenTelemetry: asking
   * earlier would set a no-op one in its place for good. Spans that end before are not counted.
   */
  public static CaseMetricsSpanProcessor global() {
    return new CaseMetricsSpanProcessor(
        () -> GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.getMeter(SCOPE) : null);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    CaseCounters counters = counters();
    if (counters == null) {
      return;
    }
    String operation = span.getAttribute(GEN_AI_OPERATION_NAME);
    if (OPERATION_INVOKE_AGENT.equals(operation)) {
      counters.agentInvocationEnded(span);
    } else if (OPERATION_EXECUTE_TOOL.equals(operation)) {
      // An MCP client's call is counted where the tool runs: its framework's or server's span.
      if (span.getKind() != SpanKind.CLIENT) {
        counters.toolCallEnded(span);
      }
    } else if (span.getAttribute(POLICY_ENGINE) != null) {
      counters.decisionEnded(span);
    } else if (span.getAttribute(CREDENTIAL_PROVIDER) != null) {
      counters.credentialSpanEnded(span);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  private CaseCounters counters() {
    CaseCounters built = counters;
    if (built == null) {
      synchronized (this) {
        if (counters == null) {
          Meter available = meter.get();
          counters = available == null ? null : new CaseCounters(available);
        }
        built = counters;
      }
    }
    return built;
  }
}
