package dev.custody.core;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * The global SDK the core's unit tests record into: every span ends up in {@code exporter}, as it
 * ends.
 */
public final class TestSdk {

  private TestSdk() {}

  public static OpenTelemetrySdk registerGlobal(InMemorySpanExporter exporter) {
    GlobalOpenTelemetry.resetForTest();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .buildAndRegisterGlobal();
  }

  public static void closeGlobal(OpenTelemetrySdk sdk) {
    sdk.close();
    GlobalOpenTelemetry.resetForTest();
  }
}
