package dev.custody.exporter.scrub;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.Set;

/**
 * Scrubs the attributes of every metric point and exemplar on its way to a push exporter (OTLP,
 * logging): see {@link ScrubbedMetrics}. A batch it cannot scrub is not exported (metrics carry no
 * audit record; a leak would be worse).
 */
public final class ScrubbingMetricExporter implements MetricExporter {

  private final MetricExporter delegate;
  private final ScrubbedMetrics scrubbed;

  public ScrubbingMetricExporter(MetricExporter delegate, Set<AttributeKey<?>> dropped) {
    this(delegate, new ScrubbedMetrics(TelemetryScrubber.get(), dropped));
  }

  ScrubbingMetricExporter(MetricExporter delegate, ScrubbedMetrics scrubbed) {
    this.delegate = delegate;
    this.scrubbed = scrubbed;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    Collection<MetricData> safe = scrubbed.scrubOrNull(metrics, "not exported");
    return safe == null ? CompletableResultCode.ofFailure() : delegate.export(safe);
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
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "ScrubbingMetricExporter{" + delegate + "}";
  }
}
