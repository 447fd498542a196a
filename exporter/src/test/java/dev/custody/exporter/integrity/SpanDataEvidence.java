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

/**
 * A span as {@link EvidenceSpan}, the plain way: the reference {@link SpanDigests} must digest
 * alike, and what the verifier rebuilds from a backend must equal.
 */
public final class SpanDataEvidence {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private SpanDataEvidence() {}

  public static EvidenceSpan of(SpanData span) {
    long start = micros(span.getStartEpochNanos());
    List<EvidenceSpan.Event> events = new ArrayList<>(span.getEvents().size());
    for (EventData event : span.getEvents()) {
      events.add(
          new EvidenceSpan.Event(
              micros(event.getEpochNanos()),
              EvidenceValues.annotation(event.getName(), typed(event.getAttributes()))));
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

  private static SortedMap<String, Object> values(Attributes attributes) {
    return EvidenceValues.of(typed(attributes));
  }

  private static Map<String, Object> typed(Attributes attributes) {
    Map<String, Object> typed = new TreeMap<>();
    attributes.forEach((key, value) -> typed.put(key.getKey(), value));
    return typed;
  }
}
