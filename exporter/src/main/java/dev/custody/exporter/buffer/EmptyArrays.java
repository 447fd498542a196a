package dev.custody.exporter.buffer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a span's empty array attributes (such as an empty {@code custody.record.missing}) across
 * the disk. The disk-buffering library (1.53.0-alpha) writes them but cannot read them back: it
 * takes an array's type from its first element and throws on none. They are stored as one list of
 * their keys and put back, as empty string arrays, before sending: OTLP encodes an empty array the
 * same whatever its type, so the collector receives the span's own bytes.
 */
final class EmptyArrays {

  static final AttributeKey<List<String>> KEYS =
      AttributeKey.stringArrayKey("custody.buffer.empty_arrays");

  private EmptyArrays() {}

  /** The span as it can be stored: without its empty arrays, which {@link #KEYS} names. */
  static SpanData hidden(SpanData span) {
    List<String> empty = new ArrayList<>();
    span.getAttributes()
        .forEach(
            (key, value) -> {
              if (value instanceof List<?> list && list.isEmpty()) {
                empty.add(key.getKey());
              }
            });
    if (empty.isEmpty()) {
      return span;
    }
    AttributesBuilder kept = span.getAttributes().toBuilder();
    kept.removeIf(key -> empty.contains(key.getKey()));
    return withAttributes(
        span, kept.put(KEYS, empty).build(), span.getTotalAttributeCount() - empty.size() + 1);
  }

  /** The span as it was exported to the buffer, its empty arrays back. */
  static SpanData restored(SpanData span) {
    List<String> empty = span.getAttributes().get(KEYS);
    if (empty == null) {
      return span;
    }
    AttributesBuilder attributes = span.getAttributes().toBuilder();
    attributes.remove(KEYS);
    for (String key : empty) {
      attributes.put(AttributeKey.stringArrayKey(key), List.of());
    }
    return withAttributes(
        span, attributes.build(), span.getTotalAttributeCount() - 1 + empty.size());
  }

  private static SpanData withAttributes(SpanData span, Attributes attributes, int total) {
    return new DelegatingSpanData(span) {
      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public int getTotalAttributeCount() {
        return total;
      }
    };
  }
}
