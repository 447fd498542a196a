package dev.custody.core;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.internal.InstrumenterUtil;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import java.time.Instant;
import java.util.function.Function;

/**
 * Everything an instrumentation takes from the stock agent that the agent does not promise to keep:
 * its {@code internal} packages and the names of its shaded classes. The only class of the core or
 * of an instrumentation that may reach them; {@code AgentInternalsTest} (in {@code agent}) checks
 * each one against the bundled agent and names what to change when an upgrade removes it. The SDK
 * side's counterpart is the exporter's {@code SdkInternals}.
 */
public final class AgentInternals {

  /** The execution attribute in which the agent's AWS SDK interceptor keeps its span's context. */
  private static final String AWS_SDK_SPAN_CONTEXT_ATTRIBUTE =
      "io.opentelemetry.javaagent.shaded.instrumentation.awssdk.v2_2.internal.TracingExecutionInterceptor.Context";

  private AgentInternals() {}

  /**
   * Starts and ends a span at the given times, for an operation recorded once it is over.
   * Upstream's {@code InstrumenterUtil.startAndEnd}: the public {@code Instrumenter} takes no
   * times, and a {@code SpanBuilder} with {@code setStartTimestamp} would skip the instrumenter's
   * extractors and suppression.
   */
  public static <REQUEST, RESPONSE> Context startAndEnd(
      Instrumenter<REQUEST, RESPONSE> instrumenter,
      Context parent,
      REQUEST request,
      RESPONSE response,
      Throwable error,
      Instant start,
      Instant end) {
    return InstrumenterUtil.startAndEnd(instrumenter, parent, request, response, error, start, end);
  }

  /**
   * The {@code process} span (CONSUMER) of the message whose work runs in {@code context}, or null.
   * Upstream's {@code SpanKey.CONSUMER_PROCESS}, under which the agent's messaging instrumenters
   * keep it: the public API tells a span's kind only on the SDK side. (A {@code receive} span ends
   * before the application sees the message, so it is never current around the work.)
   */
  public static Span consumerProcessSpan(Context context) {
    return SpanKey.CONSUMER_PROCESS.fromContextOrNull(context);
  }

  /**
   * A concurrent map whose keys are compared by identity and held weakly: state kept beside a
   * library's object for as long as the object lives. Upstream's {@code Cache.weak()}: the public
   * {@code VirtualField}, without muzzle's code generation, is the same cache shared by every use
   * of the same two types.
   */
  public static <K, V> Cache<K, V> weakCache() {
    return new Cache<>(io.opentelemetry.instrumentation.api.internal.cache.Cache.weak());
  }

  /**
   * A concurrent map that forgets its least recently used entries beyond {@code capacity}.
   * Upstream's {@code Cache.bounded}: the JDK has no concurrent bounded map.
   */
  public static <K, V> Cache<K, V> boundedCache(int capacity) {
    return new Cache<>(io.opentelemetry.instrumentation.api.internal.cache.Cache.bounded(capacity));
  }

  /**
   * Whether {@code executionAttribute} (an AWS SDK {@code ExecutionAttribute}) is the one in which
   * the agent's AWS SDK instrumentation keeps the context of its span. The name of its shaded
   * {@code TracingExecutionInterceptor}'s {@code CONTEXT_ATTRIBUTE}: the agent offers no other way
   * to its span, and the SDK allows one attribute per name, so it cannot be made, only found.
   */
  public static boolean isAwsSdkSpanContextAttribute(Object executionAttribute) {
    return AWS_SDK_SPAN_CONTEXT_ATTRIBUTE.equals(String.valueOf(executionAttribute));
  }

  /** One of the agent's caches ({@link #weakCache}, {@link #boundedCache}). */
  public static final class Cache<K, V> {

    private final io.opentelemetry.instrumentation.api.internal.cache.Cache<K, V> cache;

    private Cache(io.opentelemetry.instrumentation.api.internal.cache.Cache<K, V> cache) {
      this.cache = cache;
    }

    /** The value of {@code key}; null when none. */
    public V get(K key) {
      return cache.get(key);
    }

    public void put(K key, V value) {
      cache.put(key, value);
    }

    public void remove(K key) {
      cache.remove(key);
    }

    /** The value of {@code key}, made by {@code make} and kept when there is none. */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
      return cache.computeIfAbsent(key, make);
    }
  }
}
