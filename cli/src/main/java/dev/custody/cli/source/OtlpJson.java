package dev.custody.cli.source;

import static dev.custody.cli.source.Decoded.list;
import static dev.custody.cli.source.Decoded.map;
import static dev.custody.cli.source.Decoded.number;
import static dev.custody.cli.source.Decoded.text;

import dev.custody.exporter.integrity.EvidenceSpan;
import dev.custody.exporter.integrity.EvidenceValues;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * One OTLP JSON traces document as the backends that keep OTLP write it: an {@code
 * ExportTraceServiceRequest} ({@code resourceSpans}), Tempo's {@code batches}, either wrapped in
 * {@code {"trace": ...}}; {@code scopeSpans} or the older {@code instrumentationLibrarySpans}; ids
 * in hex or base64 (protobuf's JSON of bytes); enums as numbers or names; 64-bit numbers as numbers
 * or strings. These backends keep what the {@code full} form holds.
 */
final class OtlpJson {

  private static final String[] KINDS = {null, null, "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
  private static final String[] STATUS = {null, "OK", "ERROR"};

  private OtlpJson() {}

  /** Hands every span of {@code document} to {@code spans}, in document order. */
  static void read(Map<String, Object> document, Consumer<ReceivedSpan> spans) {
    Map<String, Object> traces =
        document.containsKey("trace") ? map(document.get("trace")) : document;
    Object resourceSpansList =
        traces.containsKey("batches") ? traces.get("batches") : traces.get("resourceSpans");
    for (Object resourceSpans : list(resourceSpansList)) {
      Map<String, Object> resourceSpan = map(resourceSpans);
      Map<String, Object> resource =
          attributes(map(resourceSpan.get("resource")).get("attributes"));
      Object serviceName = resource.remove("service.name");
      SortedMap<String, Object> resourceValues = EvidenceValues.of(resource);
      List<?> scopes =
          resourceSpan.containsKey("scopeSpans")
              ? list(resourceSpan.get("scopeSpans"))
              : list(resourceSpan.get("instrumentationLibrarySpans"));
      for (Object scopeSpans : scopes) {
        Map<String, Object> scopeSpan = map(scopeSpans);
        Map<String, Object> scope =
            map(
                scopeSpan.containsKey("scope")
                    ? scopeSpan.get("scope")
                    : scopeSpan.get("instrumentationLibrary"));
        for (Object span : list(scopeSpan.get("spans"))) {
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
    String statusCode = enumValue(status.get("code"), "STATUS_CODE_", STATUS);
    return new EvidenceSpan(
        id(span.get("traceId")),
        id(span.get("spanId")),
        id(span.get("parentSpanId")),
        text(span.get("name")),
        enumValue(span.get("kind"), "SPAN_KIND_", KINDS),
        start,
        Math.max(1, end - start),
        statusCode,
        "ERROR".equals(statusCode) ? text(status.get("message")) : null,
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
      Object flag = value.get("boolValue");
      return flag instanceof Boolean b ? b : Boolean.valueOf(text(flag));
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

  /** An enum written as its number or its name ({@code SPAN_KIND_SERVER}): the name we keep. */
  private static String enumValue(Object value, String prefix, String[] names) {
    if (value instanceof String name && !name.isEmpty() && !Character.isDigit(name.charAt(0))) {
      String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      for (String known : names) {
        if (bare.equals(known)) {
          return known;
        }
      }
      return null;
    }
    int number = (int) number(value);
    return number >= 0 && number < names.length ? names[number] : null;
  }

  /**
   * An id as lowercase hex, from hex (any case) or base64 (16 bytes in 24 characters, 8 in 12);
   * null when empty.
   */
  static String id(Object written) {
    String text = written == null ? "" : written.toString();
    if (text.isEmpty()) {
      return null;
    }
    if ((text.length() == 32 || text.length() == 16) && isHex(text)) {
      return text.toLowerCase(Locale.ROOT);
    }
    try {
      return HexFormat.of().formatHex(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException notBase64) {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
