package dev.custody.exporter.integrity;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The digests of a span about to be exported, written straight from the SDK's data into the two
 * canonical forms: the same bytes as {@link CanonicalSpan} of the span read as an {@link
 * EvidenceSpan} (the tests' {@code SpanDataEvidence} holds them equal), without the maps and
 * strings in between. One instance per exporting thread: it reuses its buffers.
 */
public final class SpanDigests {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /** Buffers that grew past this for one large span are not kept for the next. */
  private static final int RETAINED_CHARS = 64 * 1024;

  private StringBuilder core = new StringBuilder(2048);
  private StringBuilder full = new StringBuilder(2048);
  private final List<String> keys = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private final MessageDigest sha256;
  private Resource resource;
  private String resourceForm;

  public SpanDigests() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The {@code core} and {@code full} digests of {@code span}. */
  public byte[][] of(SpanData span) {
    core.setLength(0);
    full.setLength(0);
    attributes(span.getAttributes());
    long start = TimeUnit.NANOSECONDS.toMicros(span.getStartEpochNanos());
    long duration = Math.max(1, TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos()) - start);
    number("duration", duration);
    both(",\"events\":");
    events(span.getEvents());
    String kind = span.getKind() == SpanKind.INTERNAL ? null : span.getKind().name();
    member(core, "kind", kind);
    member(full, "kind", kind);
    full.append(",\"links\":");
    links(span.getLinks());
    String name = span.getName();
    String coreName = name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    member(core, "name", coreName);
    member(full, "name", name);
    if (span.getParentSpanContext().isValid()) {
      member(core, "parent", span.getParentSpanId());
      member(full, "parent", span.getParentSpanId());
    }
    full.append(",\"resource\":").append(resourceForm(span.getResource()));
    String scope = span.getInstrumentationScopeInfo().getName();
    scope = scope == null || scope.isEmpty() ? null : scope;
    String scopeVersion = span.getInstrumentationScopeInfo().getVersion();
    String service = span.getResource().getAttribute(SERVICE_NAME);
    for (StringBuilder form : List.of(core, full)) {
      member(form, "scope", scope);
      member(form, "scope_version", scopeVersion);
    }
    member(core, "service", service == null ? null : service.toLowerCase(Locale.ROOT));
    member(full, "service", service);
    member(core, "span", span.getSpanId());
    member(full, "span", span.getSpanId());
    number("start", start);
    StatusCode status = span.getStatus().getStatusCode();
    if (status != StatusCode.UNSET) {
      member(core, "status", status.name());
      member(full, "status", status.name());
    }
    String message = status == StatusCode.ERROR ? span.getStatus().getDescription() : null;
    member(full, "status_message", message == null || message.isEmpty() ? null : message);
    member(core, "trace", span.getTraceId());
    member(full, "trace", span.getTraceId());
    core.append(",\"v\":\"custody-span-1/core\"}");
    full.append(",\"v\":\"custody-span-1/full\"}");
    byte[][] digests = {digest(core), digest(full)};
    if (full.capacity() > RETAINED_CHARS) {
      core = new StringBuilder(2048);
      full = new StringBuilder(2048);
    }
    return digests;
  }

  /** {@code {"attributes":{...}} in both forms: the first member of each. */
  private void attributes(Attributes attributes) {
    keys.clear();
    values.clear();
    attributes.forEach(
        (key, value) -> {
          if (!CanonicalSpan.BACKEND_KEYS.contains(key.getKey())) {
            keys.add(key.getKey());
            values.add(value);
          }
        });
    Integer[] order = sortedByKey();
    core.append("{\"attributes\":{");
    full.append("{\"attributes\":{");
    for (int i = 0; i < order.length; i++) {
      String separator = i == 0 ? "" : ",";
      String key = keys.get(order[i]);
      Object value = values.get(order[i]);
      both(separator);
      bothString(key);
      both(":");
      if (value instanceof List<?> list) {
        CanonicalJson.string(core, EvidenceValues.joined(list));
        full.append('[');
        for (int j = 0; j < list.size(); j++) {
          full.append(j == 0 ? "" : ",");
          CanonicalJson.string(full, String.valueOf(list.get(j)));
        }
        full.append(']');
      } else {
        bothString(String.valueOf(value));
      }
    }
    both("}");
  }

  /** The attribute indexes in key order (the SDK keeps them sorted; this only checks). */
  private Integer[] sortedByKey() {
    Integer[] order = new Integer[keys.size()];
    boolean sorted = true;
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      sorted &= i == 0 || keys.get(i - 1).compareTo(keys.get(i)) < 0;
    }
    if (!sorted) {
      Arrays.sort(order, (a, b) -> keys.get(a).compareTo(keys.get(b)));
    }
    return order;
  }

  private void events(List<EventData> events) {
    long[] times = new long[events.size()];
    String[] annotations = new String[events.size()];
    Integer[] order = new Integer[events.size()];
    for (int i = 0; i < order.length; i++) {
      EventData event = events.get(i);
      Map<String, Object> typed = new TreeMap<>();
      event.getAttributes().forEach((key, value) -> typed.put(key.getKey(), value));
      times[i] = TimeUnit.NANOSECONDS.toMicros(event.getEpochNanos());
      annotations[i] = EvidenceValues.annotation(event.getName(), typed);
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            times[a] != times[b]
                ? Long.compare(times[a], times[b])
                : annotations[a].compareTo(annotations[b]));
    both("[");
    String previous = null;
    long previousTime = 0;
    boolean first = true;
    for (Integer i : order) {
      long time = times[i];
      String annotation = annotations[i];
      if (previous != null && previousTime == time && previous.equals(annotation)) {
        continue; // Zipkin keeps one of two equal annotations
      }
      previous = annotation;
      previousTime = time;
      both(first ? "{\"annotation\":" : ",{\"annotation\":");
      bothString(annotation);
      both(",\"time\":" + time + "}");
      first = false;
    }
    both("]");
  }

  private void links(List<LinkData> links) {
    List<String> sorted = new ArrayList<>(links.size());
    for (LinkData link : links) {
      sorted.add(link.getSpanContext().getTraceId() + link.getSpanContext().getSpanId());
    }
    sorted.sort(null);
    full.append('[');
    for (int i = 0; i < sorted.size(); i++) {
      String ids = sorted.get(i);
      full.append(i == 0 ? "" : ",").append("{\"span\":");
      CanonicalJson.string(full, ids.substring(32));
      full.append(",\"trace\":");
      CanonicalJson.string(full, ids.substring(0, 32));
      full.append('}');
    }
    full.append(']');
  }

  /**
   * The resource's attributes but the service name, as the full form holds them; kept per resource.
   */
  private String resourceForm(Resource resource) {
    if (resource != this.resource) {
      Map<String, Object> typed = new TreeMap<>();
      resource.getAttributes().forEach((key, value) -> typed.put(key.getKey(), value));
      typed.remove(SERVICE_NAME.getKey());
      typed.keySet().removeAll(CanonicalSpan.BACKEND_KEYS);
      resourceForm =
          new String(CanonicalJson.bytes(EvidenceValues.of(typed)), StandardCharsets.UTF_8);
      this.resource = resource;
    }
    return resourceForm;
  }

  private void both(String text) {
    core.append(text);
    full.append(text);
  }

  /** The string escaped once, into both forms. */
  private void bothString(String text) {
    int at = core.length();
    CanonicalJson.string(core, text);
    full.append(core, at, core.length());
  }

  private void number(String name, long value) {
    both(",\"" + name + "\":" + value);
  }

  private static void member(StringBuilder form, String name, String value) {
    if (value != null) {
      form.append(",\"").append(name).append("\":");
      CanonicalJson.string(form, value);
    }
  }

  private byte[] digest(StringBuilder form) {
    return Arrays.copyOf(
        sha256.digest(form.toString().getBytes(StandardCharsets.UTF_8)),
        CanonicalSpan.DIGEST_BYTES);
  }
}
