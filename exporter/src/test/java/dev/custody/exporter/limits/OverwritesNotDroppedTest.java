package dev.custody.exporter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OverwritesNotDroppedTest {

  private static final int LIMIT = 3;

  @Test
  void aKeySetTwiceIsNoDroppedAttribute() {
    SpanData exported =
        exportOne(
            span -> {
              span.setAttribute("http.request.method", "GET");
              span.setAttribute("http.request.method", "POST");
            });

    assertThat(exported.getAttributes().size()).isEqualTo(1);
    assertThat(exported.getTotalAttributeCount()).isEqualTo(1);
  }

  @Test
  void anAttributeTheLimitRefusedStaysDropped() {
    SpanData exported =
        exportOne(
            span -> {
              for (int i = 0; i <= LIMIT; i++) {
                span.setAttribute("key" + i, i);
              }
            });

    assertThat(exported.getAttributes().size()).isEqualTo(LIMIT);
    assertThat(exported.getTotalAttributeCount()).isEqualTo(LIMIT + 1);
  }

  private static SpanData exportOne(Consumer<Span> record) {
    InMemorySpanExporter received = InMemorySpanExporter.create();
    try (SdkTracerProvider tracer =
        SdkTracerProvider.builder()
            .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(LIMIT).build())
            .addSpanProcessor(SimpleSpanProcessor.create(new OverwritesNotDropped(received, LIMIT)))
            .build()) {
      Span span = tracer.get("test").spanBuilder("span").startSpan();
      record.accept(span);
      span.end();
      return received.getFinishedSpanItems().get(0);
    }
  }
}
