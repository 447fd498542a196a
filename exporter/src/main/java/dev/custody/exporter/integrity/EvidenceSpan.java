package dev.custody.exporter.integrity;

import dev.custody.core.findings.CaseSpan;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A span as the integrity records see it: what Custody exported, or what a backend gave back, in
 * the one shape both are hashed from. Times are in microseconds (what every backend keeps), values
 * are strings (what Zipkin and Jaeger keep), and events are written as Zipkin annotates them.
 *
 * @param traceId 32 lowercase hex digits
 * @param spanId 16 lowercase hex digits
 * @param parentSpanId 16 lowercase hex digits, or null for a root
 * @param kind CLIENT, SERVER, PRODUCER or CONSUMER; null for INTERNAL (which Zipkin does not keep)
 * @param durationMicros at least 1, as Zipkin keeps it
 * @param statusCode OK or ERROR; null when unset
 * @param statusMessage the description of an ERROR status, or null
 * @param scopeVersion the instrumentation scope's version, or null
 * @param attributes the span's attributes: each value a string, or a list of strings for an array
 * @param resource the resource's attributes but {@code service.name}, valued as attributes are
 */
public record EvidenceSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    long startMicros,
    long durationMicros,
    String statusCode,
    String statusMessage,
    String scopeName,
    String scopeVersion,
    String serviceName,
    SortedMap<String, Object> attributes,
    List<Event> events,
    List<Link> links,
    SortedMap<String, Object> resource)
    implements CaseSpan {

  /** Read back from the events' annotations ({@link EventAttributes}). */
  @Override
  public List<Map<String, String>> eventAttributes(String eventName) {
    return events.stream().flatMap(event -> EventAttributes.of(event, eventName).stream()).toList();
  }

  /** This span with another duration (a backend's rounding, tried by the verifier). */
  public EvidenceSpan withDurationMicros(long duration) {
    return new EvidenceSpan(
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        startMicros,
        duration,
        statusCode,
        statusMessage,
        scopeName,
        scopeVersion,
        serviceName,
        attributes,
        events,
        links,
        resource);
  }

  /** This span with other values: attributes, events, status message and resource. */
  public EvidenceSpan withValues(
      SortedMap<String, Object> attributes,
      List<Event> events,
      String statusMessage,
      SortedMap<String, Object> resource) {
    return new EvidenceSpan(
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        startMicros,
        durationMicros,
        statusCode,
        statusMessage,
        scopeName,
        scopeVersion,
        serviceName,
        attributes,
        events,
        links,
        resource);
  }

  /**
   * An event at a microsecond, written as Zipkin's annotation: {@code "name":{"key":value,...}},
   * keys sorted, strings quoted but not escaped.
   */
  public record Event(long timeMicros, String annotation) {}

  /** A link to another span (backends other than Tempo keep no link attributes). */
  public record Link(String traceId, String spanId) {}
}
