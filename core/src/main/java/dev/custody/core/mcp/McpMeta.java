package dev.custody.core.mcp;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trace context and baggage in an MCP request's {@code params._meta}, written and read by the
 * propagators the user configured (W3C {@code traceparent}, {@code tracestate} and {@code baggage}
 * by default, unprefixed as SEP-414 and the MCP semantic conventions say), so the server side joins
 * the client's trace and case whatever the transport.
 */
public final class McpMeta {

  private McpMeta() {}

  /**
   * A copy of {@code meta} (null for none) with the context's trace context and baggage added;
   * other keys kept.
   */
  public static Map<String, Object> withContext(Context context, Map<String, ?> meta) {
    Map<String, Object> merged = meta == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta);
    propagator().inject(context, merged, MetaSetter.INSTANCE);
    return merged;
  }

  /**
   * {@code base} with the trace context and baggage found in {@code meta}; {@code base} itself when
   * there are none.
   */
  public static Context extract(Context base, Map<String, ?> meta) {
    return meta == null ? base : propagator().extract(base, meta, MetaGetter.INSTANCE);
  }

  private static TextMapPropagator propagator() {
    return GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
  }

  private enum MetaSetter implements TextMapSetter<Map<String, Object>> {
    INSTANCE;

    @Override
    public void set(Map<String, Object> meta, String key, String value) {
      if (meta != null) {
        meta.put(key, value);
      }
    }
  }

  private enum MetaGetter implements TextMapGetter<Map<String, ?>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, ?> meta) {
      return meta.keySet();
    }

    @Override
    public String get(Map<String, ?> meta, String key) {
      Object value = meta == null ? null : meta.get(key);
      return value instanceof String text ? text : null;
    }
  }
}
