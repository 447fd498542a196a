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
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Scrubs every metric before any reader sees it: the reader, periodic (the push exporters' reader)
 * or pulled (Prometheus), is handed a registration that scrubs each collection. A collection that
 * cannot be scrubbed is left out, with a warning (metrics carry no audit record; a leak would be
 * worse).
 */
public final class ScrubbingMetricReader implements MetricReader {

  private final MetricReader delegate;
  private final ScrubbedMetrics scrubbed;

  private ScrubbingMetricReader(MetricReader delegate, ScrubbedMetrics scrubbed) {
    this.delegate = delegate;
    this.scrubbed = scrubbed;
  }

  /** The reader wrapped, once. */
  public static MetricReader wrap(MetricReader reader, Set<AttributeKey<?>> dropped) {
    if (reader instanceof ScrubbingMetricReader) {
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
                scrubbed.scrubOrNull(registration.collectAllMetrics(), "they are left out");
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
