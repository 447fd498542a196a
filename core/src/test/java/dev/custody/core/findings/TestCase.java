package dev.custody.core.findings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cases as an investigator reads them: spans named as in Jaeger, placed in seconds after the case
 * started ({@link #T0}), nested with {@link Span#under}.
 */
final class TestCase {

  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  private static final AtomicLong IDS = new AtomicLong(0xa000);

  private TestCase() {}

  static Span span(String name) {
    return new Span(name);
  }

  /** The case root, running the first minute. */
  static Span agent() {
    return span("invoke_agent OrdersAssistant").lasting(60);
  }

  /** {@link #T0} plus the seconds, as the attributes write times (RFC 3339). */
  static String time(long seconds) {
    return T0.plusSeconds(seconds).toString();
  }

  static SpansOfCase of(Span... spans) {
    return of("6f1c0e9ad2b84d0f9a51c3e27b8d4410", spans);
  }

  static SpansOfCase of(String caseId, Span... spans) {
    return new SpansOfCase(caseId, Arrays.stream(spans).map(Span::build).toList());
  }

  static final class Span {
    private final String name;
    private final String id = String.format("%016x", IDS.incrementAndGet());
    private final Map<String, Object> attributes = new TreeMap<>();
    private final Map<String, List<Map<String, String>>> events = new LinkedHashMap<>();
    private String parentId;
    private String kind;
    private String status;
    private long startSeconds;
    private long durationMicros = 1_000_000;

    private Span(String name) {
      this.name = name;
    }

    String id() {
      return id;
    }

    Span attr(String key, Object value) {
      attributes.put(key, value);
      return this;
    }

    /** Starts this many seconds after {@link #T0}. */
    Span at(long seconds) {
      startSeconds = seconds;
      return this;
    }

    Span lasting(long seconds) {
      durationMicros = seconds * 1_000_000;
      return this;
    }

    Span under(Span parent) {
      parentId = parent.id;
      return this;
    }

    /** A child of a span outside the case, such as the request's SERVER span. */
    Span underRemote() {
      parentId = "00f067aa0ba902b7";
      return this;
    }

    Span kind(String kind) {
      this.kind = kind;
      return this;
    }

    Span failed(String errorType) {
      status = "ERROR";
      return attr("error.type", errorType);
    }

    /** An event with its attributes given as key, value, key, value... */
    Span event(String eventName, String... keysAndValues) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
        values.put(keysAndValues[i], keysAndValues[i + 1]);
      }
      events.computeIfAbsent(eventName, name -> new ArrayList<>()).add(values);
      return this;
    }

    CaseSpan build() {
      long start = ChronoUnit.MICROS.between(Instant.EPOCH, T0.plusSeconds(startSeconds));
      return new SpanSnapshot(
          id, parentId, name, kind, start, durationMicros, status, Map.copyOf(attributes), events);
    }
  }
}
