package dev.custody.exporter.scrub;

import dev.custody.exporter.SdkInternals;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DelegatingMetricData;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Metric points and their exemplars with every attribute scrubbed. Exemplars matter most: the SDK
 * keeps on each the measurement's attributes that the point does not, and the stock HTTP and GenAI
 * instrumentations measure with the span's attributes, so an exemplar of {@code
 * http.client.request.duration} carries the captured request headers and the full URL. What Custody
 * captured for its own reading is dropped from them; the rest is scrubbed.
 */
final class ScrubbedMetrics {

  private static final Logger logger = Logger.getLogger(ScrubbedMetrics.class.getName());

  private final TelemetryScrubber scrubber;
  private final Set<AttributeKey<?>> dropped;

  ScrubbedMetrics(TelemetryScrubber scrubber, Set<AttributeKey<?>> dropped) {
    this.scrubber = scrubber;
    this.dropped = dropped;
  }

  /**
   * Every metric scrubbed, or null when the batch could not be: a warning says so, and {@code
   * otherwise} what becomes of the batch (metrics carry no audit record; a leak would be worse).
   */
  Collection<MetricData> scrubOrNull(Collection<MetricData> metrics, String otherwise) {
    try {
      return scrub(metrics);
    } catch (Throwable t) {
      logger.log(
          Level.WARNING,
          "Custody: could not scrub " + metrics.size() + " metrics; " + otherwise,
          t);
      return null;
    }
  }

  /** Every metric scrubbed; a metric whose points need nothing is passed on as it is. */
  Collection<MetricData> scrub(Collection<MetricData> metrics) {
    List<MetricData> scrubbed = new ArrayList<>(metrics.size());
    for (MetricData metric : metrics) {
      Data<?> data = scrub(metric);
      Resource resource = ResourceScrubber.scrub(metric.getResource());
      boolean same = data == metric.getData() && resource == metric.getResource();
      scrubbed.add(same ? metric : new Scrubbed(metric, resource, data));
    }
    return scrubbed;
  }

  private Data<?> scrub(MetricData metric) {
    switch (metric.getType()) {
      case LONG_GAUGE -> {
        GaugeData<LongPointData> data = metric.getLongGaugeData();
        List<LongPointData> points = points(data.getPoints(), this::longPoint);
        return points == null ? data : GaugeData.createLongGaugeData(points);
      }
      case DOUBLE_GAUGE -> {
        GaugeData<DoublePointData> data = metric.getDoubleGaugeData();
        List<DoublePointData> points = points(data.getPoints(), this::doublePoint);
        return points == null ? data : GaugeData.createDoubleGaugeData(points);
      }
      case LONG_SUM -> {
        SumData<LongPointData> data = metric.getLongSumData();
        List<LongPointData> points = points(data.getPoints(), this::longPoint);
        return points == null
            ? data
            : SumData.createLongSumData(
                data.isMonotonic(), data.getAggregationTemporality(), points);
      }
      case DOUBLE_SUM -> {
        SumData<DoublePointData> data = metric.getDoubleSumData();
        List<DoublePointData> points = points(data.getPoints(), this::doublePoint);
        return points == null
            ? data
            : SumData.createDoubleSumData(
                data.isMonotonic(), data.getAggregationTemporality(), points);
      }
      case HISTOGRAM -> {
        HistogramData data = metric.getHistogramData();
        List<HistogramPointData> points = points(data.getPoints(), this::histogramPoint);
        return points == null
            ? data
            : HistogramData.create(data.getAggregationTemporality(), points);
      }
      case EXPONENTIAL_HISTOGRAM -> {
        ExponentialHistogramData data = metric.getExponentialHistogramData();
        List<ExponentialHistogramPointData> points =
            points(data.getPoints(), this::exponentialPoint);
        return points == null
            ? data
            : ExponentialHistogramData.create(data.getAggregationTemporality(), points);
      }
      case SUMMARY -> {
        SummaryData data = metric.getSummaryData();
        List<SummaryPointData> points = points(data.getPoints(), this::summaryPoint);
        return points == null ? data : SummaryData.create(points);
      }
      default -> {
        return metric.getData();
      }
    }
  }

  /** The points with {@code scrub} applied; null when no point changed. */
  private static <P> List<P> points(Collection<P> points, Function<P, P> scrub) {
    List<P> scrubbed = new ArrayList<>(points.size());
    boolean changed = false;
    for (P point : points) {
      P one = scrub.apply(point);
      changed |= one != point;
      scrubbed.add(one);
    }
    return changed ? scrubbed : null;
  }

  private LongPointData longPoint(LongPointData point) {
    Attributes attributes = attributes(point.getAttributes());
    List<LongExemplarData> exemplars = exemplars(point.getExemplars(), this::longExemplar);
    if (attributes == point.getAttributes() && exemplars == null) {
      return point;
    }
    return SdkInternals.longPoint(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getValue(),
        exemplars == null ? point.getExemplars() : exemplars);
  }

  private DoublePointData doublePoint(DoublePointData point) {
    Attributes attributes = attributes(point.getAttributes());
    List<DoubleExemplarData> exemplars = exemplars(point.getExemplars(), this::doubleExemplar);
    if (attributes == point.getAttributes() && exemplars == null) {
      return point;
    }
    return DoublePointData.create(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getValue(),
        exemplars == null ? point.getExemplars() : exemplars);
  }

  private HistogramPointData histogramPoint(HistogramPointData point) {
    Attributes attributes = attributes(point.getAttributes());
    List<DoubleExemplarData> exemplars = exemplars(point.getExemplars(), this::doubleExemplar);
    if (attributes == point.getAttributes() && exemplars == null) {
      return point;
    }
    return SdkInternals.histogramPoint(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getSum(),
        point.hasMin(),
        point.getMin(),
        point.hasMax(),
        point.getMax(),
        point.getBoundaries(),
        point.getCounts(),
        exemplars == null ? point.getExemplars() : exemplars);
  }

  private ExponentialHistogramPointData exponentialPoint(ExponentialHistogramPointData point) {
    Attributes attributes = attributes(point.getAttributes());
    List<DoubleExemplarData> exemplars = exemplars(point.getExemplars(), this::doubleExemplar);
    if (attributes == point.getAttributes() && exemplars == null) {
      return point;
    }
    return ExponentialHistogramPointData.create(
        point.getScale(),
        point.getSum(),
        point.getZeroCount(),
        point.hasMin(),
        point.getMin(),
        point.hasMax(),
        point.getMax(),
        point.getPositiveBuckets(),
        point.getNegativeBuckets(),
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        exemplars == null ? point.getExemplars() : exemplars);
  }

  private SummaryPointData summaryPoint(SummaryPointData point) {
    Attributes attributes = attributes(point.getAttributes());
    if (attributes == point.getAttributes()) {
      return point;
    }
    return SummaryPointData.create(
        point.getStartEpochNanos(),
        point.getEpochNanos(),
        attributes,
        point.getCount(),
        point.getSum(),
        point.getValues());
  }

  private LongExemplarData longExemplar(LongExemplarData exemplar) {
    Attributes attributes = attributes(exemplar.getFilteredAttributes());
    return attributes == exemplar.getFilteredAttributes()
        ? exemplar
        : LongExemplarData.create(
            attributes, exemplar.getEpochNanos(), exemplar.getSpanContext(), exemplar.getValue());
  }

  private DoubleExemplarData doubleExemplar(DoubleExemplarData exemplar) {
    Attributes attributes = attributes(exemplar.getFilteredAttributes());
    return attributes == exemplar.getFilteredAttributes()
        ? exemplar
        : DoubleExemplarData.create(
            attributes, exemplar.getEpochNanos(), exemplar.getSpanContext(), exemplar.getValue());
  }

  /** The exemplars with {@code scrub} applied; null when none changed. */
  private static <E> List<E> exemplars(List<E> exemplars, Function<E, E> scrub) {
    return exemplars.isEmpty() ? null : points(exemplars, scrub);
  }

  private Attributes attributes(Attributes attributes) {
    return scrubber.attributes(attributes, dropped);
  }

  /** A metric with its resource and points scrubbed. */
  private static final class Scrubbed extends DelegatingMetricData {
    private final Resource resource;
    private final Data<?> data;

    Scrubbed(MetricData metric, Resource resource, Data<?> data) {
      super(metric);
      this.resource = resource;
      this.data = data;
    }

    @Override
    public Resource getResource() {
      return resource;
    }

    @Override
    public Data<?> getData() {
      return data;
    }
  }
}
