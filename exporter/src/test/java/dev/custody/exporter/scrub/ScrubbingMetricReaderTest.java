package dev.custody.exporter.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stock HTTP instrumentation records its duration histogram with all the span's attributes; the
 * SDK keeps those the point does not on the exemplar, so captured headers and full URLs travel in
 * exemplars.
 */
class ScrubbingMetricReaderTest {

  private static final AttributeKey<List<String>> AUTHORIZATION =
      AttributeKey.stringArrayKey("http.request.header.authorization");
  private static final AttributeKey<List<String>> X_API_KEY =
      AttributeKey.stringArrayKey("http.request.header.x-api-key");

  private static final Attributes CALL =
      Attributes.builder()
          .put("http.request.method", "GET")
          .put("url.full", "https://api.example.com/v1/items?api_key=fake-key-123&q=x")
          .put(AUTHORIZATION, List.of("Bearer fakeopaque0123456789"))
          .put(X_API_KEY, List.of("fake-x-api-key-1"))
          .build();

  @Test
  void dropsWhatCustodyCapturedAndScrubsTheRestOfEveryExemplarAPeriodicReaderExports() {
    InMemoryMetricExporter received = InMemoryMetricExporter.create();
    try (SdkMeterProvider meters =
        meters(
            ScrubbingMetricReader.wrap(PeriodicMetricReader.create(received), Set.of(X_API_KEY)))) {
      recordInASpan(meters);
      meters.forceFlush();

      DoubleExemplarData exemplar = onlyExemplar(received.getFinishedMetricItems());
      assertThat(exemplar.getFilteredAttributes().get(X_API_KEY))
          .as("captured for Custody only")
          .isNull();
      assertThat(exemplar.getFilteredAttributes().get(AUTHORIZATION))
          .containsExactly("Bearer [REDACTED:bearer-token]");
      assertThat(exemplar.getFilteredAttributes().get(AttributeKey.stringKey("url.full")))
          .isEqualTo("https://api.example.com/v1/items?api_key=[REDACTED:api-key]&q=x");
      assertThat(exemplar.getSpanContext().isValid())
          .as("the exemplar still points at its span")
          .isTrue();
    }
  }

  @Test
  void scrubsWhatAPullReaderCollects() {
    InMemoryMetricReader pull = InMemoryMetricReader.create();
    try (SdkMeterProvider meters = meters(ScrubbingMetricReader.wrap(pull, Set.of(X_API_KEY)))) {
      recordInASpan(meters);

      DoubleExemplarData exemplar = onlyExemplar(pull.collectAllMetrics());
      assertThat(exemplar.getFilteredAttributes().get(X_API_KEY)).isNull();
      assertThat(exemplar.getFilteredAttributes().get(AttributeKey.stringKey("url.full")))
          .doesNotContain("fake-key-123");
    }
  }

  private static SdkMeterProvider meters(MetricReader reader) {
    // As the stock instrumentation advises: the point keeps the method, the exemplar gets the rest.
    return SdkMeterProvider.builder()
        .setExemplarFilter(ExemplarFilter.alwaysOn())
        .registerView(
            InstrumentSelector.builder().setName("http.client.request.duration").build(),
            View.builder().setAttributeFilter(Set.of("http.request.method")).build())
        .registerMetricReader(reader)
        .build();
  }

  private static void recordInASpan(SdkMeterProvider meters) {
    try (SdkTracerProvider tracer = SdkTracerProvider.builder().build()) {
      Span span = tracer.get("test").spanBuilder("GET").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        meters
            .get("test")
            .histogramBuilder("http.client.request.duration")
            .build()
            .record(0.12, CALL);
      } finally {
        span.end();
      }
    }
  }

  private static DoubleExemplarData onlyExemplar(Collection<MetricData> metrics) {
    MetricData histogram = metrics.iterator().next();
    return histogram.getHistogramData().getPoints().iterator().next().getExemplars().get(0);
  }
}
