package dev.custody.extension;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Request headers and gRPC metadata Custody has the agent capture for its own reading (credentials
 * on outbound calls, the end user on inbound ones), on top of those the user listed. What Custody
 * added never leaves the process: the exporter drops it from spans of the kind it was added for,
 * and keeps, scrubbed, what the user asked for, also the same header on the other kind of span.
 */
public final class CustodyCapture {

  private final ConfigProperties config;
  private final Map<String, String> settings = new HashMap<>();
  private final Map<SpanKind, Set<AttributeKey<?>>> added = new EnumMap<>(SpanKind.class);

  public CustodyCapture(ConfigProperties config) {
    this.config = config;
  }

  /**
   * The attribute under which the agent captures an HTTP request header, client and server alike.
   */
  public static AttributeKey<List<String>> httpRequestHeader(String header) {
    return stringArrayKey("http.request.header." + header);
  }

  /**
   * Has the agent capture {@code names} on spans of {@code kind}, unless the user already listed
   * them.
   *
   * @param properties the setting that lists them, then any older name of it the user may have set
   * @param keysOf the attributes a captured name is written under
   */
  public CustodyCapture add(
      SpanKind kind,
      List<String> properties,
      List<String> names,
      Function<String, List<AttributeKey<List<String>>>> keysOf) {
    List<String> listed = new ArrayList<>();
    for (String property : properties) {
      for (String name : config.getList(property)) {
        listed.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    for (String name : names) {
      if (!listed.contains(name)) {
        listed.add(name);
        added.computeIfAbsent(kind, unused -> new HashSet<>()).addAll(keysOf.apply(name));
      }
    }
    settings.put(properties.get(0), String.join(",", listed));
    return this;
  }

  /** The capture settings to hand the agent. */
  public Map<String, String> settings() {
    return Map.copyOf(settings);
  }

  /**
   * By span kind, the captured attributes the user did not ask for: read in the process, never
   * exported.
   */
  public Map<SpanKind, Set<AttributeKey<?>>> addedKeys() {
    Map<SpanKind, Set<AttributeKey<?>>> copy = new EnumMap<>(SpanKind.class);
    added.forEach((kind, keys) -> copy.put(kind, Set.copyOf(keys)));
    return copy;
  }
}
