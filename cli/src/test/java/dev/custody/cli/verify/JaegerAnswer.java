package dev.custody.cli.verify;

import static dev.custody.cli.verify.EvidenceFile.list;
import static dev.custody.cli.verify.EvidenceFile.map;

import dev.custody.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jaeger's {@code /api/traces} answer for an exported OTLP JSON file: the spans as the Collector's
 * OTLP-to-Jaeger translation stores them, written as Jaeger's JSON (hex ids, microseconds, typed
 * tags, doubles as Go prints them).
 */
final class JaegerAnswer {

  private static final String[] KINDS = {
    null, "internal", "server", "client", "producer", "consumer"
  };

  private JaegerAnswer() {}

  static Map<String, Object> of(EvidenceFile file) {
    Map<String, Map<String, Object>> traces = new LinkedHashMap<>();
    for (Object line : file.lines) {
      for (Object resourceSpans : list(map(line).get("resourceSpans"))) {
        Map<String, Object> process = new LinkedHashMap<>();
        List<Object> processTags = new ArrayList<>();
        for (Object attribute : list(map(map(resourceSpans).get("resource")).get("attributes"))) {
          if ("service.name".equals(map(attribute).get("key"))) {
            process.put("serviceName", map(map(attribute).get("value")).get("stringValue"));
          } else {
            processTags.add(tag(map(attribute)));
          }
        }
        process.put("tags", processTags);
        for (Object scopeSpans : list(map(resourceSpans).get("scopeSpans"))) {
          Map<String, Object> scope = map(map(scopeSpans).get("scope"));
          for (Object span : list(map(scopeSpans).get("spans"))) {
            Map<String, Object> trace =
                traces.computeIfAbsent((String) map(span).get("traceId"), JaegerAnswer::trace);
            Map<String, Object> processes = map(trace.get("processes"));
            String processId = "p" + (processes.size() + 1);
            for (Map.Entry<String, Object> known : processes.entrySet()) {
              processId = known.getValue().equals(process) ? known.getKey() : processId;
            }
            processes.put(processId, process);
            list(trace.get("spans")).add(span(map(span), scope, processId));
          }
        }
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("data", new ArrayList<>(traces.values()));
    answer.put("total", 0);
    answer.put("limit", 0);
    answer.put("offset", 0);
    answer.put("errors", null);
    return answer;
  }

  /** The span named {@code name}, to read or edit. */
  static Map<String, Object> span(Map<String, Object> answer, String name) {
    for (Object trace : list(answer.get("data"))) {
      for (Object span : list(map(trace).get("spans"))) {
        if (name.equals(map(span).get("operationName"))) {
          return map(span);
        }
      }
    }
    throw new AssertionError("no span " + name);
  }

  private static Map<String, Object> trace(String traceId) {
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("traceID", traceId);
    trace.put("spans", new ArrayList<>());
    trace.put("processes", new LinkedHashMap<>());
    return trace;
  }

  private static Map<String, Object> span(
      Map<String, Object> span, Map<String, Object> scope, String processId) {
    long start = Long.parseLong((String) span.get("startTimeUnixNano"));
    long end = Long.parseLong((String) span.get("endTimeUnixNano"));
    List<Object> references = new ArrayList<>();
    String parent = (String) span.get("parentSpanId");
    if (parent != null && !parent.isEmpty()) {
      references.add(reference("CHILD_OF", (String) span.get("traceId"), parent));
    }
    for (Object link : list(span.get("links"))) {
      references.add(
          reference(
              "FOLLOWS_FROM", (String) map(link).get("traceId"), (String) map(link).get("spanId")));
    }
    List<Object> tags = new ArrayList<>();
    if (scope.get("name") != null) {
      tags.add(tag("otel.scope.name", "string", scope.get("name")));
    }
    if (scope.get("version") != null) {
      tags.add(tag("otel.scope.version", "string", scope.get("version")));
    }
    for (Object attribute : list(span.get("attributes"))) {
      tags.add(tag(map(attribute)));
    }
    Number kind = (Number) span.get("kind");
    if (kind != null && kind.intValue() > 0) {
      tags.add(tag("span.kind", "string", KINDS[kind.intValue()]));
    }
    Map<String, Object> status = map(span.getOrDefault("status", Map.of()));
    Number code = (Number) status.get("code");
    if (code != null && code.intValue() > 0) {
      tags.add(tag("otel.status_code", "string", code.intValue() == 1 ? "OK" : "ERROR"));
    }
    if (code != null && code.intValue() == 2) {
      tags.add(tag("error", "bool", true));
    }
    if (status.get("message") != null && !"".equals(status.get("message"))) {
      tags.add(tag("otel.status_description", "string", status.get("message")));
    }
    List<Object> logs = new ArrayList<>();
    for (Object event : list(span.get("events"))) {
      List<Object> fields = new ArrayList<>();
      fields.add(tag("event", "string", map(event).get("name")));
      for (Object attribute : list(map(event).get("attributes"))) {
        fields.add(tag(map(attribute)));
      }
      Map<String, Object> log = new LinkedHashMap<>();
      log.put("timestamp", Long.parseLong((String) map(event).get("timeUnixNano")) / 1000);
      log.put("fields", fields);
      logs.add(log);
    }
    Map<String, Object> jaeger = new LinkedHashMap<>();
    jaeger.put("traceID", span.get("traceId"));
    jaeger.put("spanID", span.get("spanId"));
    jaeger.put("operationName", span.get("name"));
    jaeger.put("references", references);
    jaeger.put("startTime", start / 1000);
    jaeger.put("duration", (end - start) / 1000);
    jaeger.put("tags", tags);
    jaeger.put("logs", logs);
    jaeger.put("processID", processId);
    return jaeger;
  }

  private static Map<String, Object> reference(String type, String traceId, String spanId) {
    return Map.of("refType", type, "traceID", traceId, "spanID", spanId);
  }

  /** An OTLP attribute as a typed tag; an array as a string tag of its JSON text. */
  private static Map<String, Object> tag(Map<String, Object> attribute) {
    String key = (String) attribute.get("key");
    Map<String, Object> value = map(attribute.get("value"));
    if (value.containsKey("intValue")) {
      return tag(key, "int64", Long.parseLong(value.get("intValue").toString()));
    }
    if (value.containsKey("doubleValue")) {
      return tag(key, "float64", goNumber(value.get("doubleValue")));
    }
    if (value.containsKey("boolValue")) {
      return tag(key, "bool", value.get("boolValue"));
    }
    if (value.containsKey("arrayValue")) {
      List<Object> elements = new ArrayList<>();
      for (Object element : list(map(value.get("arrayValue")).get("values"))) {
        Object raw = map(element).values().iterator().next();
        elements.add(map(element).containsKey("doubleValue") ? goNumber(raw) : raw);
      }
      return tag(key, "string", new JsonWriter().decoded(elements, t -> t).toString());
    }
    return tag(key, "string", value.get("stringValue"));
  }

  private static Map<String, Object> tag(String key, String type, Object value) {
    Map<String, Object> tag = new LinkedHashMap<>();
    tag.put("key", key);
    tag.put("type", type);
    tag.put("value", value);
    return tag;
  }

  /** A double as Go's JSON writes it: a whole number without a fraction. */
  private static Object goNumber(Object number) {
    double value = ((Number) number).doubleValue();
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value;
  }
}
