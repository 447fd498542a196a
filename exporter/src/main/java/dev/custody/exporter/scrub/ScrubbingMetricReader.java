package dev.custody.exporter.scrub;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Scrubs what a pull reader (Prometheus) collects, as {@link ScrubbingMetricExporter} does for push
 * exporters: the reader is handed a registration that scrubs every collection before the reader
 * sees it.
 */
public final class ScrubbingMetricReader implements MetricReader {

  private final MetricReader delegate;
  private final ScrubbedMetrics scrubbed;

  private ScrubbingMetricReader(MetricReader delegate, ScrubbedMetrics scrubbed) {
    this.delegate = delegate;
    this.scrubbed = scrubbed;
  }

  /**
   * A periodic reader as it is (its exporter is a {@link ScrubbingMetricExporter} already), any
   * other reader wrapped.
   */
  public static MetricReader wrap(MetricReader reader, Set<AttributeKey<?>> dropped) {
    if (reader instanceof PeriodicMetricReader || reader instanceof ScrubbingMetricReader) {
      return reader;
    }
    return new ScrubbingMetricReader(reader, new ScrubbedMetrics(TelemetryScrubber.get(), dropped));
  }

  @Override
  public void register(CollectionRegistration registration) {
    delegate.register(
        new CollectionRegistration() {
          @Override
          public Collection<MetricData> collectAllMetrics() {
            Collection<MetricData> safe =
                scrubbed.scrubOrNull(registration.collectAllMetrics(), "not served");
            return safe == null ? List.of() : safe;
          }
        });
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return delegate.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return delegate.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    return delegate.getMemoryMode();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return delegate.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "ScrubbingMetricReader{" + delegate + "}";
  }
}
