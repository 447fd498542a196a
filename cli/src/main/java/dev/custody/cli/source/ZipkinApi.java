package dev.custody.cli.source;

import static dev.custody.cli.source.Decoded.list;
import static dev.custody.cli.source.Decoded.map;
import static dev.custody.cli.source.Decoded.number;
import static dev.custody.cli.source.Decoded.text;

import dev.custody.exporter.integrity.EvidenceSpan;
import dev.custody.exporter.integrity.EvidenceValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Zipkin's v2 API ({@code GET /api/v2/traces}): the spans of a service over a time range, as the
 * stock agent's Zipkin exporter sent them. Zipkin keeps what the {@code core} form holds.
 */
public final class ZipkinApi {

  private ZipkinApi() {}

  /** Hands every span of {@code service} (every service when null) that ended in the range. */
  public static void read(
      URI base, String service, Instant end, Duration lookback, Consumer<ReceivedSpan> spans)
      throws IOException {
    StringBuilder query =
        new StringBuilder("/api/v2/traces?limit=100000")
            .append("&endTs=")
            .append(end.toEpochMilli())
            .append("&lookback=")
            .append(lookback.toMillis());
    if (service != null) {
      query.append("&serviceName=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    }
    Object answer = BackendHttp.getJson(BackendHttp.at(base, query.toString()), "Zipkin");
    try {
      for (Object trace : list(answer)) {
        for (Object span : list(trace)) {
          spans.accept(new ReceivedSpan(span(map(span)), false));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("Zipkin's answer is no list of traces: " + e.getMessage(), e);
    }
  }

  private static EvidenceSpan span(Map<String, Object> span) {
    SortedMap<String, Object> tags = new TreeMap<>();
    map(span.get("tags")).forEach((key, value) -> tags.put(key, String.valueOf(value)));
    List<EvidenceSpan.Event> events = new ArrayList<>();
    for (Object item : list(span.get("annotations"))) {
      Map<String, Object> annotation = map(item);
      events.add(
          new EvidenceSpan.Event(
              number(annotation.get("timestamp")), String.valueOf(annotation.get("value"))));
    }
    Object status = tags.get("otel.status_code");
    return new EvidenceSpan(
        text(span.get("traceId")),
        text(span.get("id")),
        text(span.get("parentId")),
        text(span.get("name")) == null ? "" : text(span.get("name")),
        text(span.get("kind")),
        number(span.get("timestamp")),
        Math.max(1, number(span.get("duration"))),
        status == null ? null : status.toString(),
        null,
        text(tags.get("otel.scope.name")),
        text(tags.get("otel.scope.version")),
        text(map(span.get("localEndpoint")).get("serviceName")),
        EvidenceValues.of(tags),
        events,
        List.of(),
        new TreeMap<>());
  }
}
