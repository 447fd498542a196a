package dev.custody.core;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.InstrumenterBuilder;
import io.opentelemetry.instrumentation.api.instrumenter.SpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.SpanStatusExtractor;
import java.util.function.Predicate;

/**
 * What every kind of Custody span (cases, model turns, tool calls, MCP calls, policy decisions,
 * credential operations) builds and starts its {@code Instrumenter} with: the agent's global
 * OpenTelemetry under the library's instrumentation name, and no span where tracing is suppressed.
 */
public final class CustodyInstrumenters {

  private CustodyInstrumenters() {}

  /** A builder of {@code instrumentationName}'s spans on the agent's global OpenTelemetry. */
  public static <REQUEST, RESPONSE> InstrumenterBuilder<REQUEST, RESPONSE> builder(
      String instrumentationName, SpanNameExtractor<? super REQUEST> spanName) {
    return Instrumenter.builder(GlobalOpenTelemetry.get(), instrumentationName, spanName);
  }

  /**
   * ERROR when the operation threw, or when it returned an outcome that {@code failed} says is a
   * failure (one the library handed back instead of throwing).
   */
  public static <REQUEST, RESPONSE> SpanStatusExtractor<REQUEST, RESPONSE> errorWhen(
      Predicate<? super RESPONSE> failed) {
    return (status, request, response, error) -> {
      if (error != null || (response != null && failed.test(response))) {
        status.setStatus(StatusCode.ERROR);
      }
    };
  }

  /** Starts {@code request}'s span under {@code parent}; null when tracing is suppressed there. */
  public static <REQUEST> Context start(
      Instrumenter<REQUEST, ?> instrumenter, Context parent, REQUEST request) {
    return instrumenter.shouldStart(parent, request) ? instrumenter.start(parent, request) : null;
  }
}
