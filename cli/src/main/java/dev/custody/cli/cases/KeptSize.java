package dev.custody.cli.cases;

import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.List;
import java.util.Map;

/**
 * About how many bytes of heap a kept span takes: its values' characters (one byte each, as the JVM
 * stores Latin-1 text) and a fixed cost per span, value and event. An estimate to stop before the
 * heap runs out, not a measure.
 */
final class KeptSize {

  private static final int PER_SPAN = 512;
  private static final int PER_VALUE = 96;

  private KeptSize() {}

  static long of(EvidenceSpan span) {
    long size = PER_SPAN + length(span.name()) + length(span.statusMessage());
    size += of(span.attributes()); // the resource is shared by the spans of a batch
    for (EvidenceSpan.Event event : span.events()) {
      size += PER_VALUE + length(event.annotation());
    }
    return size + (long) PER_VALUE * span.links().size();
  }

  private static long of(Map<String, Object> values) {
    long size = 0;
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      size += PER_VALUE + length(entry.getKey()) + of(entry.getValue());
    }
    return size;
  }

  private static long of(Object value) {
    if (value instanceof List<?> list) {
      long size = PER_VALUE;
      for (Object item : list) {
        size += PER_VALUE + of(item);
      }
      return size;
    }
    return value instanceof String text ? text.length() : 0;
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }
}
