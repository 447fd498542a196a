package dev.custody.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

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

  /**
   * Fails unless each span set each of its attributes once: the SDK counts an overwritten one as
   * dropped, which an audit record reads as loss.
   */
  public static void assertNothingDropped(List<SpanData> spans) {
    assertThat(spans)
        .allSatisfy(
            span ->
                assertThat(span.getTotalAttributeCount())
                    .as("attributes set on %s, against those it holds", span.getName())
                    .isEqualTo(span.getAttributes().size()));
  }

  public static void closeGlobal(OpenTelemetrySdk sdk) {
    sdk.close();
    GlobalOpenTelemetry.resetForTest();
  }
}
