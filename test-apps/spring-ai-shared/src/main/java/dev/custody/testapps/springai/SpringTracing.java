package dev.custody.testapps.springai;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.util.List;

/**
 * Spring AI's observations traced through micrometer-tracing's OpenTelemetry bridge, on the global
 * OpenTelemetry: under a Java agent, the agent's, so Spring AI's spans join the same traces.
 */
final class SpringTracing {

  private SpringTracing() {}

  static ObservationRegistry registry() {
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer tracer =
        new OtelTracer(
            GlobalOpenTelemetry.get().getTracer("weather-desk"),
            current,
            event -> {},
            new OtelBaggageManager(current, List.of(), List.of()));
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    return registry;
  }
}
