package dev.custody.cli.findings;

import dev.custody.exporter.integrity.EvidenceSpan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Spans as a source gives them back, a second long each, for what the tool adds to the rules. */
final class ReceivedSpans {

  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  private ReceivedSpans() {}

  /**
   * @param at seconds after the case started
   * @param attributes key, value, key, value...
   */
  static EvidenceSpan span(String id, String parentId, String name, long at, String... attributes) {
    TreeMap<String, Object> values = new TreeMap<>();
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      values.put(attributes[i], attributes[i + 1]);
    }
    return new EvidenceSpan(
        "4bf92f3577b34da6a3ce929d0e0e4736",
        id,
        parentId,
        name,
        null,
        ChronoUnit.MICROS.between(Instant.EPOCH, T0.plusSeconds(at)),
        1_000_000,
        null,
        null,
        "custody",
        "0.1.0",
        "orders-agent",
        values,
        List.of(),
        List.of(),
        new TreeMap<>(Map.of()));
  }
}
