package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalSpanTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long START = 1_765_000_000_123_456_789L;

  /** A failed tool call of a case, as the SDK hands it to the exporters. */
  private static final EvidenceSpan TOOL_CALL =
      SpanDataEvidence.of(
          TestSpanData.builder()
              .setSpanContext(
                  SpanContext.create(
                      TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()))
              .setParentSpanContext(
                  SpanContext.create(
                      TRACE, "a3ce929d0e0e4736", TraceFlags.getSampled(), TraceState.getDefault()))
              .setName("execute_tool refundOrder")
              .setKind(SpanKind.INTERNAL)
              .setStartEpochNanos(START)
              .setEndEpochNanos(START + 2_500_999)
              .setHasEnded(true)
              .setStatus(StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "denied"))
              .setInstrumentationScopeInfo(
                  InstrumentationScopeInfo.builder("custody-langchain4j")
                      .setVersion("0.1.0")
                      .build())
              .setResource(
                  Resource.create(
                      Attributes.of(
                          AttributeKey.stringKey("service.name"), "Orders-Agent",
                          AttributeKey.stringKey("host.name"), "desk-1")))
              .setAttributes(
                  Attributes.builder()
                      .put("custody.case.id", "c0ffee")
                      .put("custody.integrity.seq", 41L)
                      .put("gen_ai.tool.call.arguments", "{\"order\":\"A-1, A-2\"}")
                      .put(AttributeKey.stringArrayKey("custody.policy.ids"), List.of("a", "b"))
                      .put("custody.policy.denied", true)
                      .put("custody.amount", 12.5)
                      .build())
              .setTotalAttributeCount(6)
              .setEvents(
                  List.of(
                      EventData.create(
                          START + 1_000,
                          "custody.policy.denied",
                          Attributes.of(
                              AttributeKey.stringKey("reason"),
                              "bob may \"not\"",
                              AttributeKey.longKey("code"),
                              403L))))
              .setTotalRecordedEvents(1)
              .setLinks(
                  List.of(
                      LinkData.create(
                          SpanContext.create(
                              TRACE,
                              "b7ad6b7169203331",
                              TraceFlags.getSampled(),
                              TraceState.getDefault()))))
              .setTotalRecordedLinks(1)
              .build());

  @Test
  void theCoreFormIsWhatZipkinKeeps() {
    assertThat(new String(CanonicalSpan.core(TOOL_CALL), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"attributes\":{\"custody.amount\":\"12.5\",\"custody.case.id\":\"c0ffee\","
                + "\"custody.integrity.seq\":\"41\",\"custody.policy.denied\":\"true\","
                + "\"custody.policy.ids\":\"a,b\","
                + "\"gen_ai.tool.call.arguments\":\"{\\\"order\\\":\\\"A-1, A-2\\\"}\"},"
                + "\"duration\":2501,"
                + "\"events\":[{\"annotation\":\"\\\"custody.policy.denied\\\":"
                + "{\\\"code\\\":403,\\\"reason\\\":\\\"bob may \\\"not\\\"\\\"}\",\"time\":1765000000123457}],"
                + "\"name\":\"execute_tool refundorder\",\"parent\":\"a3ce929d0e0e4736\","
                + "\"scope\":\"custody-langchain4j\",\"scope_version\":\"0.1.0\","
                + "\"service\":\"orders-agent\",\"span\":\"00f067aa0ba902b7\","
                + "\"start\":1765000000123456,\"status\":\"ERROR\","
                + "\"trace\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"v\":\"custody-span-2/core\"}");
  }

  @Test
  void theFullFormAddsWhatOtlpTempoAndJaegerKeepToTheCoreDigest() {
    String coreDigest =
        HexFormat.of().formatHex(CanonicalSpan.digest(CanonicalSpan.core(TOOL_CALL)));
    String resourceDigest =
        HexFormat.of()
            .formatHex(
                CanonicalSpan.digest(
                    "{\"host.name\":\"desk-1\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(new String(CanonicalSpan.full(TOOL_CALL), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"arrays\":{\"custody.policy.ids\":[\"a\",\"b\"]},"
                + "\"core\":\""
                + coreDigest
                + "\",\"links\":[{\"span\":\"b7ad6b7169203331\",\"trace\":\""
                + TRACE
                + "\"}],\"name\":\"execute_tool refundOrder\",\"resource\":\""
                + resourceDigest
                + "\",\"service\":\"Orders-Agent\",\"status_message\":\"denied\","
                + "\"v\":\"custody-span-2/full\"}");
  }

  @Test
  void aStringHoldingTheJsonTextOfAnArrayIsThatArray() {
    assertThat(EvidenceValues.of((Object) "[\"a\", 2, 2.5, true]"))
        .isEqualTo(List.of("a", "2", "2.5", "true"));
    assertThat(EvidenceValues.of((Object) "[]")).isEqualTo(List.of());
    assertThat(EvidenceValues.of((Object) "[{\"role\":\"user\"}]"))
        .isEqualTo("[{\"role\":\"user\"}]");
    assertThat(EvidenceValues.of((Object) "[null]")).isEqualTo("[null]");
    assertThat(EvidenceValues.of((Object) "[\"unclosed\"")).isEqualTo("[\"unclosed\"");
    assertThat(EvidenceValues.of((Object) "[1] and [2]")).isEqualTo("[1] and [2]");
  }

  @Test
  void everyChangeToWhatZipkinKeepsChangesBothDigests() {
    Map<String, UnaryOperator<EvidenceSpan>> changes = new TreeMap<>();
    changes.put("trace", s -> with(s, "traceId", "4bf92f3577b34da6a3ce929d0e0e4737"));
    changes.put("span", s -> with(s, "spanId", "00f067aa0ba902b8"));
    changes.put("parent", s -> with(s, "parentSpanId", "a3ce929d0e0e4737"));
    changes.put("root", s -> with(s, "parentSpanId", null));
    changes.put("name", s -> with(s, "name", "execute_tool listOrders"));
    changes.put("kind", s -> with(s, "kind", "CLIENT"));
    changes.put("start", s -> with(s, "startMicros", s.startMicros() + 1));
    changes.put("duration", s -> with(s, "durationMicros", s.durationMicros() - 1));
    changes.put("status", s -> with(s, "statusCode", "OK"));
    changes.put("scope", s -> with(s, "scopeName", "custody-springai"));
    changes.put("service", s -> with(s, "serviceName", "billing"));
    changes.put("value", s -> withAttribute(s, "custody.case.id", "c0ffef"));
    changes.put("added", s -> withAttribute(s, "custody.forged", "1"));
    changes.put("removed", s -> withAttribute(s, "custody.case.id", null));
    changes.put("sequence", s -> withAttribute(s, "custody.integrity.seq", "42"));
    changes.put(
        "event time",
        s -> with(s, "events", List.of(new EvidenceSpan.Event(s.startMicros(), ann(s)))));
    changes.put(
        "event",
        s ->
            with(
                s,
                "events",
                List.of(new EvidenceSpan.Event(s.events().get(0).timeMicros(), "\"x\":{}"))));

    changes.forEach(
        (what, change) -> {
          EvidenceSpan changed = change.apply(TOOL_CALL);
          assertThat(digestCore(changed)).as(what).isNotEqualTo(digestCore(TOOL_CALL));
          assertThat(digestFull(changed)).as(what).isNotEqualTo(digestFull(TOOL_CALL));
        });
  }

  @Test
  void whatOnlyOtlpTempoAndJaegerKeepChangesTheFullDigestOnly() {
    Map<String, UnaryOperator<EvidenceSpan>> changes = new TreeMap<>();
    changes.put("name's case", s -> with(s, "name", "execute_tool REFUNDORDER"));
    changes.put("status message", s -> with(s, "statusMessage", "allowed"));
    changes.put("link", s -> with(s, "links", List.of()));
    changes.put("resource", s -> with(s, "resource", new TreeMap<>(Map.of("host.name", "x"))));
    changes.put("array split", s -> withAttribute(s, "custody.policy.ids", List.of("a,b")));

    changes.forEach(
        (what, change) -> {
          EvidenceSpan changed = change.apply(TOOL_CALL);
          assertThat(digestCore(changed)).as(what).isEqualTo(digestCore(TOOL_CALL));
          assertThat(digestFull(changed)).as(what).isNotEqualTo(digestFull(TOOL_CALL));
        });
  }

  @Test
  void whatBackendsReorderRepeatOrAddIsNotAChange() {
    EvidenceSpan reordered =
        with(
            withAttribute(withAttribute(TOOL_CALL, "otel.status_code", "ERROR"), "error", "denied"),
            "events",
            List.of(TOOL_CALL.events().get(0), TOOL_CALL.events().get(0)));

    assertThat(digestCore(reordered)).isEqualTo(digestCore(TOOL_CALL));
    assertThat(digestFull(reordered)).isEqualTo(digestFull(TOOL_CALL));
  }

  @Test
  void aSpanShorterThanAMicrosecondLastsOneAsZipkinKeepsIt() {
    EvidenceSpan instant =
        SpanDataEvidence.of(
            TestSpanData.builder()
                .setSpanContext(
                    SpanContext.create(
                        TRACE,
                        "00f067aa0ba902b7",
                        TraceFlags.getSampled(),
                        TraceState.getDefault()))
                .setName("x")
                .setKind(SpanKind.CLIENT)
                .setStartEpochNanos(START)
                .setEndEpochNanos(START + 100)
                .setHasEnded(true)
                .setStatus(StatusData.unset())
                .setTotalRecordedEvents(0)
                .setTotalRecordedLinks(0)
                .setTotalAttributeCount(0)
                .build());

    assertThat(instant.durationMicros()).isEqualTo(1);
    assertThat(instant.kind()).isEqualTo("CLIENT");
    assertThat(instant.parentSpanId()).isNull();
    assertThat(instant.statusCode()).isNull();
  }

  private static String ann(EvidenceSpan span) {
    return span.events().get(0).annotation();
  }

  private static String digestCore(EvidenceSpan span) {
    return java.util.HexFormat.of().formatHex(CanonicalSpan.digest(CanonicalSpan.core(span)));
  }

  private static String digestFull(EvidenceSpan span) {
    return java.util.HexFormat.of().formatHex(CanonicalSpan.digest(CanonicalSpan.full(span)));
  }

  private static EvidenceSpan withAttribute(EvidenceSpan span, String key, Object value) {
    TreeMap<String, Object> attributes = new TreeMap<>(span.attributes());
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, value);
    }
    return with(span, "attributes", attributes);
  }

  /** The span with one record component replaced. */
  private static EvidenceSpan with(EvidenceSpan span, String component, Object value) {
    try {
      var components = EvidenceSpan.class.getRecordComponents();
      List<Object> values = new ArrayList<>();
      List<Class<?>> types = new ArrayList<>();
      for (var each : components) {
        values.add(each.getName().equals(component) ? value : each.getAccessor().invoke(span));
        types.add(each.getType());
      }
      return EvidenceSpan.class
          .getDeclaredConstructor(types.toArray(Class<?>[]::new))
          .newInstance(values.toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
