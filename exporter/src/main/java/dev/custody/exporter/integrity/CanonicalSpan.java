package dev.custody.exporter.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The canonical forms of a span (docs/integrity.md), each hashed on its own so a span can be
 * verified from any backend:
 *
 * <ul>
 *   <li>{@code core}: what survives Zipkin (lowercase name and service, no links, no resource, no
 *       status message, arrays joined with commas);
 *   <li>{@code full}: what survives OTLP, Tempo and Jaeger: the {@code core} digest and what it
 *       leaves out (the exact name and service, the status message, the elements of each array,
 *       links, and the resource's digest).
 * </ul>
 *
 * Attributes a backend writes itself ({@link #BACKEND_KEYS}) are in neither form.
 */
public final class CanonicalSpan {

  /** How many bytes of a span's SHA-256 a checkpoint keeps for each form. */
  public static final int DIGEST_BYTES = 16;

  static final String CORE_VERSION = "custody-span-2/core";
  static final String FULL_VERSION = "custody-span-2/full";

  /**
   * Tags Zipkin's or Jaeger's OTLP translation writes from a span's own fields (kind, status,
   * scope), which an attribute of that name would meet.
   */
  public static final Set<String> BACKEND_KEYS =
      Set.of(
          "error",
          "span.kind",
          "internal.span.format",
          "w3c.tracestate",
          "otel.status_code",
          "otel.status_description",
          "otel.scope.name",
          "otel.scope.version",
          "otel.library.name",
          "otel.library.version",
          "otel.dropped_attributes_count",
          "otel.dropped_events_count",
          "otel.dropped_links_count");

  private CanonicalSpan() {}

  public static byte[] core(EvidenceSpan span) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("v", CORE_VERSION);
    form.put("trace", span.traceId());
    form.put("span", span.spanId());
    form.put("parent", span.parentSpanId());
    form.put("name", emptyToNull(lower(span.name())));
    form.put("kind", span.kind());
    form.put("start", span.startMicros());
    form.put("duration", span.durationMicros());
    form.put("status", span.statusCode());
    form.put("scope", emptyToNull(span.scopeName()));
    form.put("scope_version", span.scopeVersion());
    form.put("service", lower(span.serviceName()));
    Map<String, Object> attributes = new LinkedHashMap<>();
    span.attributes()
        .forEach(
            (key, value) -> {
              if (!BACKEND_KEYS.contains(key)) {
                attributes.put(
                    key, value instanceof List<?> list ? EvidenceValues.joined(list) : value);
              }
            });
    form.put("attributes", attributes);
    List<Object> events = new ArrayList<>();
    span.events().stream()
        .sorted(
            (a, b) ->
                a.timeMicros() != b.timeMicros()
                    ? Long.compare(a.timeMicros(), b.timeMicros())
                    : a.annotation().compareTo(b.annotation()))
        .distinct() // Zipkin keeps one of two equal annotations
        .forEach(
            event ->
                events.add(Map.of("time", event.timeMicros(), "annotation", event.annotation())));
    form.put("events", events);
    return CanonicalJson.bytes(form);
  }

  public static byte[] full(EvidenceSpan span) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("v", FULL_VERSION);
    form.put("core", HexFormat.of().formatHex(digest(core(span))));
    form.put("name", span.name());
    form.put("service", span.serviceName());
    form.put("status_message", emptyToNull(span.statusMessage()));
    Map<String, Object> arrays = new LinkedHashMap<>();
    span.attributes()
        .forEach(
            (key, value) -> {
              if (value instanceof List<?> && !BACKEND_KEYS.contains(key)) {
                arrays.put(key, value);
              }
            });
    form.put("arrays", arrays);
    List<Object> links = new ArrayList<>();
    span.links().stream()
        .map(link -> Map.of("trace", link.traceId(), "span", link.spanId()))
        .sorted(
            (a, b) -> (a.get("trace") + a.get("span")).compareTo(b.get("trace") + b.get("span")))
        .forEach(links::add);
    form.put("links", links);
    form.put("resource", resourceDigest(span.resource()));
    return CanonicalJson.bytes(form);
  }

  /**
   * The hex digest the {@code full} form names a resource by: of the RFC 8785 JSON of its
   * attributes but {@code service.name}, valued as attributes are.
   */
  static String resourceDigest(Map<String, Object> resource) {
    Map<String, Object> values = new TreeMap<>(resource);
    values.keySet().removeAll(BACKEND_KEYS);
    return HexFormat.of().formatHex(digest(CanonicalJson.bytes(values)));
  }

  /** The first {@link #DIGEST_BYTES} bytes of the SHA-256 of {@code form}. */
  public static byte[] digest(byte[] form) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(form), DIGEST_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
