package dev.custody.extension.findings;

import static dev.custody.core.CustodyAttributes.GEN_AI_INPUT_MESSAGES;

import dev.custody.core.findings.FindingRules;
import dev.custody.core.findings.SpanSnapshot;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of this process as the finding rules read them ({@link SpanSnapshot}): only the
 * attributes and events they read ({@link FindingRules#KEYS_READ}), values as text, so a case's
 * spans stay small until its root ends. Of a model's captured input only the marker of the first
 * secret the scrubber finds in it, as the exporter will write it.
 */
final class LiveSpans {

  private LiveSpans() {}

  static SpanSnapshot of(ReadableSpan span) {
    SpanData data = span.toSpanData();
    long start = data.getStartEpochNanos() / 1_000;
    Map<String, List<Map<String, String>>> events = new HashMap<>();
    for (EventData event : data.getEvents()) {
      if (FindingRules.EVENTS_READ.contains(event.getName())) {
        Map<String, String> values = new HashMap<>();
        event
            .getAttributes()
            .forEach((key, value) -> values.put(key.getKey(), String.valueOf(value)));
        events.computeIfAbsent(event.getName(), name -> new ArrayList<>()).add(values);
      }
    }
    return new SpanSnapshot(
        data.getSpanId(),
        data.getParentSpanContext().isValid() ? data.getParentSpanId() : null,
        data.getName(),
        data.getKind() == SpanKind.INTERNAL ? null : data.getKind().name(),
        start,
        Math.max(1, data.getEndEpochNanos() / 1_000 - start),
        data.getStatus().getStatusCode() == StatusCode.UNSET
            ? null
            : data.getStatus().getStatusCode().name(),
        kept(data.getAttributes()),
        events);
  }

  private static Map<String, Object> kept(Attributes attributes) {
    Map<String, Object> kept = new HashMap<>();
    attributes.forEach(
        (AttributeKey<?> key, Object value) -> {
          if (key.getKey().equals(GEN_AI_INPUT_MESSAGES.getKey())) {
            String marker = FindingRules.secretMarkerIn(String.valueOf(value));
            if (marker != null) {
              kept.put(key.getKey(), marker);
            }
          } else if (FindingRules.KEYS_READ.contains(key.getKey())) {
            kept.put(
                key.getKey(),
                value instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : String.valueOf(value));
          }
        });
    return kept;
  }
}
