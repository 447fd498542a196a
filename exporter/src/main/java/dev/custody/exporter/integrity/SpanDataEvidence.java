package dev.custody.exporter.integrity;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A span about to be exported, as {@link EvidenceSpan}: what the checkpoints hash. */
public final class SpanDataEvidence {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private SpanDataEvidence() {}

  public static EvidenceSpan of(SpanData span) {
    long start = micros(span.getStartEpochNanos());
    List<EvidenceSpan.Event> events = new ArrayList<>(span.getEvents().size());
    for (EventData event : span.getEvents()) {
      events.add(
          new EvidenceSpan.Event(
              micros(event.getEpochNanos()), annotation(event.getName(), event.getAttributes())));
    }
    List<EvidenceSpan.Link> links = new ArrayList<>(span.getLinks().size());
    for (LinkData link : span.getLinks()) {
      links.add(
          new EvidenceSpan.Link(
              link.getSpanContext().getTraceId(), link.getSpanContext().getSpanId()));
    }
    SortedMap<String, Object> resource = values(span.getResource().getAttributes());
    resource.remove(SERVICE_NAME.getKey());
    StatusCode status = span.getStatus().getStatusCode();
    return new EvidenceSpan(
        span.getTraceId(),
        span.getSpanId(),
        span.getParentSpanContext().isValid() ? span.getParentSpanId() : null,
        span.getName(),
        span.getKind() == SpanKind.INTERNAL ? null : span.getKind().name(),
        start,
        Math.max(1, micros(span.getEndEpochNanos()) - start),
        status == StatusCode.UNSET ? null : status.name(),
        status == StatusCode.ERROR ? span.getStatus().getDescription() : null,
        span.getInstrumentationScopeInfo().getName(),
        span.getInstrumentationScopeInfo().getVersion(),
        span.getResource().getAttribute(SERVICE_NAME),
        values(span.getAttributes()),
        events,
        links,
        resource);
  }

  private static long micros(long epochNanos) {
    return TimeUnit.NANOSECONDS.toMicros(epochNanos);
  }

  /** Strings as they are, other values as Java prints them, arrays as lists of those. */
  private static SortedMap<String, Object> values(Attributes attributes) {
    SortedMap<String, Object> values = new TreeMap<>();
    attributes.forEach(
        (key, value) -> {
          if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            list.forEach(element -> strings.add(String.valueOf(element)));
            values.put(key.getKey(), strings);
          } else {
            values.put(key.getKey(), String.valueOf(value));
          }
        });
    return values;
  }

  /**
   * {@code "name":{"key":value}} with keys sorted, as the stock Zipkin exporter writes an event.
   */
  static String annotation(String name, Attributes attributes) {
    SortedMap<String, Object> sorted = new TreeMap<>();
    attributes.forEach((key, value) -> sorted.put(key.getKey(), value));
    StringBuilder annotation = new StringBuilder().append('"').append(name).append("\":{");
    String separator = "";
    for (Map.Entry<String, Object> attribute : sorted.entrySet()) {
      annotation.append(separator).append('"').append(attribute.getKey()).append("\":");
      appendZipkinValue(annotation, attribute.getValue());
      separator = ",";
    }
    return annotation.append('}').toString();
  }

  /** Strings quoted but not escaped, numbers and booleans bare, arrays bracketed: Zipkin's way. */
  private static void appendZipkinValue(StringBuilder annotation, Object value) {
    if (value instanceof String) {
      annotation.append('"').append(value).append('"');
    } else if (value instanceof List<?> list) {
      annotation.append('[');
      for (int i = 0; i < list.size(); i++) {
        annotation.append(i > 0 ? "," : "");
        appendZipkinValue(annotation, list.get(i));
      }
      annotation.append(']');
    } else {
      annotation.append(value);
    }
  }
}
