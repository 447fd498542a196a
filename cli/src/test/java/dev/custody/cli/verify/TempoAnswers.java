package dev.custody.cli.verify;

import static dev.custody.cli.verify.EvidenceFile.list;
import static dev.custody.cli.verify.EvidenceFile.map;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tempo's answers for an exported OTLP JSON file: its search ({@code /api/search}, trace ids
 * without leading zeros) and each trace by id ({@code /api/traces/<id>}) in protobuf's JSON as
 * Tempo writes it: {@code batches}, base64 ids, enum names, whole doubles without a fraction.
 */
final class TempoAnswers {

  private static final String[] KINDS = {
    "UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"
  };
  private static final String[] STATUS = {"UNSET", "OK", "ERROR"};

  /** Each trace's answer by its id. */
  final Map<String, Map<String, Object>> traces = new LinkedHashMap<>();

  TempoAnswers(EvidenceFile file) {
    for (Object line : file.lines) {
      for (Object resourceSpans : list(map(line).get("resourceSpans"))) {
        for (Object scopeSpans : list(map(resourceSpans).get("scopeSpans"))) {
          for (Object span : list(map(scopeSpans).get("spans"))) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("resource", map(resourceSpans).get("resource"));
            batch.put(
                "scopeSpans",
                List.of(
                    Map.of(
                        "scope",
                        map(scopeSpans).get("scope"),
                        "spans",
                        List.of(tempoSpan(map(span))))));
            String traceId = (String) map(span).get("traceId");
            Map<String, Object> trace =
                traces.computeIfAbsent(traceId, id -> Map.of("batches", new ArrayList<>()));
            list(trace.get("batches")).add(batch);
          }
        }
      }
    }
  }

  Map<String, Object> search() {
    List<Object> found = new ArrayList<>();
    for (String traceId : traces.keySet()) {
      found.add(
          Map.of("traceID", traceId.replaceFirst("^0+", ""), "rootServiceName", "orders-agent"));
    }
    return Map.of("traces", found, "metrics", Map.of("completedJobs", 1, "totalJobs", 1));
  }

  /** The attributes of the span named {@code name}, to edit. */
  List<Object> attributes(String name) {
    for (Map<String, Object> trace : traces.values()) {
      for (Object batch : list(trace.get("batches"))) {
        for (Object scopeSpans : list(map(batch).get("scopeSpans"))) {
          for (Object span : list(map(scopeSpans).get("spans"))) {
            if (name.equals(map(span).get("name"))) {
              return list(map(span).get("attributes"));
            }
          }
        }
      }
    }
    throw new AssertionError("no span " + name);
  }

  private static Map<String, Object> tempoSpan(Map<String, Object> otlp) {
    Map<String, Object> span = new LinkedHashMap<>(otlp);
    span.put("traceId", base64(otlp.get("traceId")));
    span.put("spanId", base64(otlp.get("spanId")));
    if (otlp.get("parentSpanId") == null || "".equals(otlp.get("parentSpanId"))) {
      span.remove("parentSpanId");
    } else {
      span.put("parentSpanId", base64(otlp.get("parentSpanId")));
    }
    span.put("kind", "SPAN_KIND_" + KINDS[((Number) otlp.get("kind")).intValue()]);
    Map<String, Object> status = new LinkedHashMap<>(map(otlp.getOrDefault("status", Map.of())));
    Number code = (Number) status.get("code");
    if (code != null) {
      status.put("code", "STATUS_CODE_" + STATUS[code.intValue()]);
    }
    span.put("status", status);
    List<Object> links = new ArrayList<>();
    for (Object link : list(otlp.get("links"))) {
      Map<String, Object> tempoLink = new LinkedHashMap<>(map(link));
      tempoLink.put("traceId", base64(map(link).get("traceId")));
      tempoLink.put("spanId", base64(map(link).get("spanId")));
      links.add(tempoLink);
    }
    span.put("links", links);
    span.put("attributes", wholeDoubles(list(otlp.get("attributes"))));
    return span;
  }

  private static List<Object> wholeDoubles(List<Object> attributes) {
    List<Object> written = new ArrayList<>();
    for (Object attribute : attributes) {
      Object value = map(map(attribute).get("value")).get("doubleValue");
      written.add(
          value instanceof Double d && d == Math.rint(d)
              ? Map.of(
                  "key", map(attribute).get("key"), "value", Map.of("doubleValue", d.longValue()))
              : attribute);
    }
    return written;
  }

  private static String base64(Object hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex((String) hex));
  }
}
