package dev.custody.core.findings;

import java.util.List;
import java.util.Map;

/**
 * A span as it was when it ended, held for the rules: what this process keeps of a case's spans
 * until its root ends.
 *
 * @param events the attributes of each event, by event name
 */
public record SpanSnapshot(
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    long startMicros,
    long durationMicros,
    String statusCode,
    Map<String, Object> attributes,
    Map<String, List<Map<String, String>>> events)
    implements CaseSpan {

  @Override
  public List<Map<String, String>> eventAttributes(String eventName) {
    return events.getOrDefault(eventName, List.of());
  }
}
