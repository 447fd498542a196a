package dev.custody.cli.source;

import static dev.custody.cli.source.Decoded.list;
import static dev.custody.cli.source.Decoded.map;
import static dev.custody.cli.source.Decoded.number;
import static dev.custody.cli.source.Decoded.text;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import dev.custody.exporter.integrity.EvidenceSpan;
import dev.custody.exporter.integrity.EvidenceValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * OTLP JSON lines: one {@code ExportTraceServiceRequest} per line, as {@code custody-file} and the
 * Collector's file exporter write them. Read a line at a time, so a large file needs no more memory
 * than its longest line.
 */
public final class OtlpJsonLines {

  /** The longest line read: a batch of the largest spans an SDK exports at once. */
  private static final int MAX_LINE = 256 * 1024 * 1024;

  private static final int MAX_VALUES = 50_000_000;
  private static final String[] KINDS = {null, null, "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
  private static final String[] STATUS = {null, "OK", "ERROR"};

  private OtlpJsonLines() {}

  /** Hands every span of the file to {@code spans}, in file order. */
  public static void read(Path file, Consumer<ReceivedSpan> spans) throws IOException {
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          readRequest(map(JsonReader.read(line, MAX_LINE, MAX_VALUES)), spans);
        } catch (JsonParseException | RuntimeException e) {
          throw new IOException(
              file + " line " + number + " is no OTLP JSON: " + e.getMessage(), e);
        }
      }
    }
  }

  private static void readRequest(Map<String, Object> request, Consumer<ReceivedSpan> spans) {
    for (Object resourceSpans : list(request.get("resourceSpans"))) {
      Map<String, Object> resourceSpan = map(resourceSpans);
      Map<String, Object> resource =
          attributes(map(resourceSpan.get("resource")).get("attributes"));
      Object serviceName = resource.remove("service.name");
      SortedMap<String, Object> resourceValues = EvidenceValues.of(resource);
      for (Object scopeSpans : list(resourceSpan.get("scopeSpans"))) {
        Map<String, Object> scope = map(map(scopeSpans).get("scope"));
        for (Object span : list(map(scopeSpans).get("spans"))) {
          spans.accept(
              new ReceivedSpan(
                  span(
                      map(span),
                      text(scope.get("name")),
                      text(scope.get("version")),
                      serviceName == null ? null : serviceName.toString(),
                      resourceValues),
                  true));
        }
      }
    }
  }

  private static EvidenceSpan span(
      Map<String, Object> span,
      String scopeName,
      String scopeVersion,
      String serviceName,
      SortedMap<String, Object> resource) {
    long start = number(span.get("startTimeUnixNano")) / 1000;
    long end = number(span.get("endTimeUnixNano")) / 1000;
    List<EvidenceSpan.Event> events = new ArrayList<>();
    for (Object item : list(span.get("events"))) {
      Map<String, Object> event = map(item);
      events.add(
          new EvidenceSpan.Event(
              number(event.get("timeUnixNano")) / 1000,
              EvidenceValues.annotation(
                  text(event.get("name")), attributes(event.get("attributes")))));
    }
    List<EvidenceSpan.Link> links = new ArrayList<>();
    for (Object item : list(span.get("links"))) {
      Map<String, Object> link = map(item);
      links.add(new EvidenceSpan.Link(id(link.get("traceId")), id(link.get("spanId"))));
    }
    Map<String, Object> status = map(span.get("status"));
    int code = (int) number(status.get("code"));
    int kind = (int) number(span.get("kind"));
    String parent = id(span.get("parentSpanId"));
    return new EvidenceSpan(
        id(span.get("traceId")),
        id(span.get("spanId")),
        parent == null || parent.isEmpty() ? null : parent,
        text(span.get("name")),
        kind >= 0 && kind < KINDS.length ? KINDS[kind] : null,
        start,
        Math.max(1, end - start),
        code >= 0 && code < STATUS.length ? STATUS[code] : null,
        code == 2 ? text(status.get("message")) : null,
        scopeName,
        scopeVersion,
        serviceName,
        EvidenceValues.of(attributes(span.get("attributes"))),
        events,
        links,
        resource);
  }

  /** OTLP's key-value list as Java values: String, Long, Double, Boolean, or a List of them. */
  private static Map<String, Object> attributes(Object keyValues) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Object item : list(keyValues)) {
      Map<String, Object> keyValue = map(item);
      attributes.put(text(keyValue.get("key")), value(map(keyValue.get("value"))));
    }
    return attributes;
  }

  private static Object value(Map<String, Object> value) {
    if (value.containsKey("stringValue")) {
      return text(value.get("stringValue"));
    }
    if (value.containsKey("intValue")) {
      return number(value.get("intValue"));
    }
    if (value.containsKey("doubleValue")) {
      Object number = value.get("doubleValue");
      return number instanceof Number n ? n.doubleValue() : Double.valueOf(text(number));
    }
    if (value.containsKey("boolValue")) {
      return Boolean.TRUE.equals(value.get("boolValue"));
    }
    if (value.containsKey("arrayValue")) {
      List<Object> values = new ArrayList<>();
      for (Object item : list(map(value.get("arrayValue")).get("values"))) {
        values.add(value(map(item)));
      }
      return values;
    }
    return value.isEmpty() ? "" : value.values().iterator().next().toString();
  }

  private static String id(Object hex) {
    return hex == null ? null : hex.toString().toLowerCase(Locale.ROOT);
  }
}
