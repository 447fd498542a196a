package dev.custody.exporter.integrity;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
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

  /** A buffer that grew past this for one large span is not kept for the next. */
  private static final int RETAINED_BYTES = 64 * 1024;

  private CanonicalBytes form = new CanonicalBytes(4096);
  private final List<String> keys = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private final List<String> arrayKeys = new ArrayList<>();
  private final List<List<?>> arrays = new ArrayList<>();
  private final MessageDigest sha256;
  private Resource resource;
  private String resourceDigest;

  public SpanDigests() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The {@code core} and {@code full} digests of {@code span}. */
  public byte[][] of(SpanData span) {
    byte[] core = digest(core(span));
    byte[] full = digest(full(span, core));
    if (form.capacity() > RETAINED_BYTES) {
      form = new CanonicalBytes(4096);
    }
    return new byte[][] {core, full};
  }

  private CanonicalBytes core(SpanData span) {
    form.clear();
    attributes(span.getAttributes());
    long start = TimeUnit.NANOSECONDS.toMicros(span.getStartEpochNanos());
    long duration = Math.max(1, TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos()) - start);
    form.ascii(",\"duration\":").number(duration).ascii(",\"events\":");
    events(span.getEvents());
    member("kind", span.getKind() == SpanKind.INTERNAL ? null : span.getKind().name());
    String name = span.getName();
    member("name", name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT));
    if (span.getParentSpanContext().isValid()) {
      member("parent", span.getParentSpanId());
    }
    String scope = span.getInstrumentationScopeInfo().getName();
    member("scope", scope == null || scope.isEmpty() ? null : scope);
    member("scope_version", span.getInstrumentationScopeInfo().getVersion());
    String service = span.getResource().getAttribute(SERVICE_NAME);
    member("service", service == null ? null : service.toLowerCase(Locale.ROOT));
    member("span", span.getSpanId());
    form.ascii(",\"start\":").number(start);
    StatusCode status = span.getStatus().getStatusCode();
    member("status", status == StatusCode.UNSET ? null : status.name());
    member("trace", span.getTraceId());
    return form.ascii(",\"v\":\"").ascii(CanonicalSpan.CORE_VERSION).ascii("\"}");
  }

  /** What the core form leaves out, and the core digest: written after {@link #core}. */
  private CanonicalBytes full(SpanData span, byte[] coreDigest) {
    form.clear();
    form.ascii("{\"arrays\":{");
    for (int i = 0; i < arrayKeys.size(); i++) {
      form.ascii(i == 0 ? "" : ",");
      form.string(arrayKeys.get(i));
      form.ascii(":[");
      List<?> elements = arrays.get(i);
      for (int j = 0; j < elements.size(); j++) {
        form.ascii(j == 0 ? "" : ",");
        form.string(String.valueOf(elements.get(j)));
      }
      form.ascii(']');
    }
    form.ascii("},\"core\":\"").ascii(HexFormat.of().formatHex(coreDigest)).ascii('"');
    form.ascii(",\"links\":");
    links(span.getLinks());
    member("name", span.getName());
    form.ascii(",\"resource\":\"").ascii(resourceDigest(span.getResource())).ascii('"');
    member("service", span.getResource().getAttribute(SERVICE_NAME));
    StatusCode status = span.getStatus().getStatusCode();
    String message = status == StatusCode.ERROR ? span.getStatus().getDescription() : null;
    member("status_message", message == null || message.isEmpty() ? null : message);
    return form.ascii(",\"v\":\"").ascii(CanonicalSpan.FULL_VERSION).ascii("\"}");
  }

  /**
   * {@code {"attributes":{...}}: the core form's first member, arrays joined; the arrays are kept
   * for the full form.
   */
  private void attributes(Attributes attributes) {
    keys.clear();
    values.clear();
    arrayKeys.clear();
    arrays.clear();
    attributes.forEach(
        (key, value) -> {
          if (!CanonicalSpan.BACKEND_KEYS.contains(key.getKey())) {
            keys.add(key.getKey());
            values.add(value);
          }
        });
    Integer[] order = sortedByKey();
    form.ascii("{\"attributes\":{");
    for (int i = 0; i < order.length; i++) {
      String key = keys.get(order[i]);
      Object value = values.get(order[i]);
      List<?> array =
          value instanceof List<?> list
              ? list
              : value instanceof String text && text.startsWith("[")
                  ? EvidenceValues.arrayText(text)
                  : null;
      form.ascii(i == 0 ? "" : ",");
      form.string(key);
      form.ascii(':');
      if (array != null) {
        form.string(EvidenceValues.joined(array));
        arrayKeys.add(key);
        arrays.add(array);
      } else {
        form.string(String.valueOf(value));
      }
    }
    form.ascii('}');
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
    form.ascii('[');
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
      form.ascii(first ? "{\"annotation\":" : ",{\"annotation\":");
      form.string(annotation);
      form.ascii(",\"time\":").number(time).ascii('}');
      first = false;
    }
    form.ascii(']');
  }

  private void links(List<LinkData> links) {
    List<String> sorted = new ArrayList<>(links.size());
    for (LinkData link : links) {
      sorted.add(link.getSpanContext().getTraceId() + link.getSpanContext().getSpanId());
    }
    sorted.sort(null);
    form.ascii('[');
    for (int i = 0; i < sorted.size(); i++) {
      String ids = sorted.get(i);
      form.ascii(i == 0 ? "" : ",").ascii("{\"span\":");
      form.string(ids.substring(32));
      form.ascii(",\"trace\":");
      form.string(ids.substring(0, 32));
      form.ascii('}');
    }
    form.ascii(']');
  }

  /** The digest the full form names the resource by; kept per resource. */
  private String resourceDigest(Resource resource) {
    if (resource != this.resource) {
      Map<String, Object> typed = new TreeMap<>();
      resource.getAttributes().forEach((key, value) -> typed.put(key.getKey(), value));
      typed.remove(SERVICE_NAME.getKey());
      resourceDigest = CanonicalSpan.resourceDigest(EvidenceValues.of(typed));
      this.resource = resource;
    }
    return resourceDigest;
  }

  private void member(String name, String value) {
    if (value != null) {
      form.ascii(",\"").ascii(name).ascii("\":");
      form.string(value);
    }
  }

  private byte[] digest(CanonicalBytes form) {
    form.hashInto(sha256);
    return Arrays.copyOf(sha256.digest(), CanonicalSpan.DIGEST_BYTES);
  }
}
