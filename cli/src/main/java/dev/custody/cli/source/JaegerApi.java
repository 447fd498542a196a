package dev.custody.cli.source;

import static dev.custody.cli.source.Decoded.list;
import static dev.custody.cli.source.Decoded.map;
import static dev.custody.cli.source.Decoded.number;
import static dev.custody.cli.source.Decoded.text;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import dev.custody.exporter.integrity.CanonicalSpan;
import dev.custody.exporter.integrity.EvidenceSpan;
import dev.custody.exporter.integrity.EvidenceValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Jaeger's query API as its UI uses it ({@code GET /api/traces}): the traces of a service, or of
 * every service, over a time range, as the OpenTelemetry Collector's OTLP-to-Jaeger translation
 * stored them. Jaeger keeps what the {@code full} form holds, in its own words: the span kind,
 * status and scope as tags, the resource as the process's tags, arrays as their JSON text.
 */
public final class JaegerApi {

  private static final int LIMIT = 100_000;

  private static final Map<String, String> KINDS =
      Map.of(
          "client", "CLIENT", "server", "SERVER", "producer", "PRODUCER", "consumer", "CONSUMER");

  private JaegerApi() {}

  /** Hands every span of the traces of {@code service} (every service when null) in the range. */
  public static void read(
      URI base, String service, Instant end, Duration lookback, Consumer<ReceivedSpan> spans)
      throws IOException {
    List<?> services =
        service == null
            ? list(data(BackendHttp.getJson(BackendHttp.at(base, "/api/services"), "Jaeger")))
            : List.of(service);
    Set<String> seen = new HashSet<>(); // a trace of two services is in the answers of both
    for (Object name : services) {
      String query =
          "/api/traces?service="
              + URLEncoder.encode(String.valueOf(name), StandardCharsets.UTF_8)
              + "&start="
              + ChronoUnit.MICROS.between(Instant.EPOCH, end.minus(lookback))
              + "&end="
              + ChronoUnit.MICROS.between(Instant.EPOCH, end)
              + "&limit="
              + LIMIT;
      Object traces = data(BackendHttp.getJson(BackendHttp.at(base, query), "Jaeger"));
      try {
        for (Object item : list(traces)) {
          Map<String, Object> trace = map(item);
          if (seen.add(id(trace.get("traceID"), 32))) {
            Map<String, Object> processes = map(trace.get("processes"));
            for (Object span : list(trace.get("spans"))) {
              spans.accept(
                  received(map(span), map(processes.get(text(map(span).get("processID"))))));
            }
          }
        }
      } catch (RuntimeException e) {
        throw new IOException("Jaeger's answer is no list of traces: " + e.getMessage(), e);
      }
    }
  }

  /** An answer's {@code data}; its {@code errors}, if any, as an IOException. */
  private static Object data(Object answer) throws IOException {
    Object errors = map(answer).get("errors");
    if (!list(errors).isEmpty()) {
      throw new IOException("Jaeger answered with errors: " + errors);
    }
    return map(answer).get("data");
  }

  /**
   * The span as read, and the readings its lossy spots allow: a duration one microsecond longer
   * (Jaeger rounds the nanosecond duration down, the canonical form subtracts rounded-down times),
   * and arrays of whole numbers as doubles (JSON writes the double 1.0 as 1).
   */
  private static ReceivedSpan received(Map<String, Object> span, Map<String, Object> process) {
    TypedValues asWritten = new TypedValues(false);
    EvidenceSpan evidence = evidence(span, process, asWritten);
    boolean roundedDown = number(span.get("duration")) >= 1;
    if (!asWritten.sawWholeNumberArray) {
      return new ReceivedSpan(
          evidence,
          true,
          roundedDown
              ? List.of(evidence.withDurationMicros(evidence.durationMicros() + 1))
              : List.of());
    }
    EvidenceSpan doubles = evidence(span, process, new TypedValues(true));
    return new ReceivedSpan(
        evidence,
        true,
        roundedDown
            ? List.of(
                evidence.withDurationMicros(evidence.durationMicros() + 1),
                doubles,
                doubles.withDurationMicros(doubles.durationMicros() + 1))
            : List.of(doubles));
  }

  private static EvidenceSpan evidence(
      Map<String, Object> span, Map<String, Object> process, TypedValues values) {
    Map<String, Object> tags = values.of(span.get("tags"));
    String status = text(tags.get("otel.status_code"));
    String statusCode = "OK".equals(status) || "ERROR".equals(status) ? status : null;
    String parent = null;
    List<EvidenceSpan.Link> links = new ArrayList<>();
    for (Object item : list(span.get("references"))) {
      Map<String, Object> reference = map(item);
      String spanId = id(reference.get("spanID"), 16);
      if (parent == null && "CHILD_OF".equals(reference.get("refType"))) {
        parent = spanId;
      } else {
        links.add(new EvidenceSpan.Link(id(reference.get("traceID"), 32), spanId));
      }
    }
    List<EvidenceSpan.Event> events = new ArrayList<>();
    for (Object item : list(span.get("logs"))) {
      Map<String, Object> log = map(item);
      Map<String, Object> fields = values.of(log.get("fields"));
      Object name = fields.remove("event");
      fields.remove("otel.event.dropped_attributes_count");
      events.add(
          new EvidenceSpan.Event(
              number(log.get("timestamp")),
              EvidenceValues.annotation(name == null ? "" : name.toString(), fields)));
    }
    Map<String, Object> resource = values.of(process.get("tags"));
    resource.remove("service.name");
    String kind = KINDS.get(text(tags.get("span.kind")));
    String message = text(tags.get("otel.status_description"));
    String scopeName = text(tags.getOrDefault("otel.scope.name", tags.get("otel.library.name")));
    String scopeVersion =
        text(tags.getOrDefault("otel.scope.version", tags.get("otel.library.version")));
    tags.keySet().removeAll(CanonicalSpan.BACKEND_KEYS);
    return new EvidenceSpan(
        id(span.get("traceID"), 32),
        id(span.get("spanID"), 16),
        parent,
        text(span.get("operationName")),
        kind,
        number(span.get("startTime")),
        Math.max(1, number(span.get("duration"))),
        statusCode,
        "ERROR".equals(statusCode) ? message : null,
        scopeName,
        scopeVersion,
        text(process.get("serviceName")),
        EvidenceValues.of(tags),
        events,
        links,
        EvidenceValues.of(resource));
  }

  /** Jaeger's hex id, lowercase, its leading zeros restored (a 64-bit trace id has 16 digits). */
  private static String id(Object hex, int digits) {
    String text = hex == null ? "" : hex.toString().toLowerCase(Locale.ROOT);
    return text.length() < digits ? "0".repeat(digits - text.length()) + text : text;
  }

  /**
   * Typed tags or log fields as the OTLP values they were: String, Long, Double, Boolean, and an
   * array's JSON text as a List of those.
   */
  private static final class TypedValues {

    /** Whether an array of whole numbers only is read as doubles (it may be an int64 array). */
    final boolean wholeNumbersAsDoubles;

    boolean sawWholeNumberArray;

    TypedValues(boolean wholeNumbersAsDoubles) {
      this.wholeNumbersAsDoubles = wholeNumbersAsDoubles;
    }

    Map<String, Object> of(Object keyValues) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Object item : list(keyValues)) {
        Map<String, Object> keyValue = map(item);
        values.put(text(keyValue.get("key")), value(keyValue));
      }
      return values;
    }

    private Object value(Map<String, Object> keyValue) {
      Object value = keyValue.get("value");
      switch (String.valueOf(keyValue.get("type"))) {
        case "float64":
          return value instanceof Number number
              ? number.doubleValue()
              : Double.valueOf(text(value));
        case "int64":
          return number(value);
        case "bool":
          return value instanceof Boolean flag ? flag : Boolean.valueOf(text(value));
        default:
          String text = text(value);
          return text != null && text.startsWith("[") && text.endsWith("]") ? array(text) : text;
      }
    }

    /** The JSON text of an array of scalars as that array; any other text as it is. */
    private Object array(String text) {
      Object parsed;
      try {
        parsed = JsonReader.read(text, text.length(), text.length());
      } catch (JsonParseException notJson) {
        return text;
      }
      boolean fractions = false;
      boolean wholeNumbers = false;
      for (Object element : (List<?>) parsed) {
        if (!(element instanceof String
            || element instanceof Number
            || element instanceof Boolean)) {
          return text;
        }
        fractions |= element instanceof Double;
        wholeNumbers |= element instanceof Long;
      }
      sawWholeNumberArray |= wholeNumbers && !fractions;
      if (!fractions && !(wholeNumbers && wholeNumbersAsDoubles)) {
        return parsed;
      }
      List<Object> doubles = new ArrayList<>();
      for (Object element : (List<?>) parsed) {
        doubles.add(element instanceof Long number ? (Object) number.doubleValue() : element);
      }
      return doubles;
    }
  }
}
