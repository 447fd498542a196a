package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exporter's fast digests are the digests of the canonical forms the verifier rebuilds. */
class SpanDigestsTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String[] TEXTS = {
    "",
    "plain",
    "MiXeD Case",
    "quote \" back \\ slash",
    "tab\tline\nfeed\u0001",
    "é ü 😀 ☃",
    "a,b",
    "[\"json\"]",
    "[1, 2.50, true, \"x\"]",
    "[]",
    "[{\"role\":\"user\"}]",
    "[null]",
    "\u2028"
  };

  @Test
  void thousandsOfRandomSpansDigestAsTheirCanonicalForms() {
    Random random = new Random(42);
    SpanDigests digests = new SpanDigests();
    for (int i = 0; i < 3000; i++) {
      SpanData span = randomSpan(random);
      byte[][] fast = digests.of(span);
      EvidenceSpan evidence = SpanDataEvidence.of(span);

      assertThat(hex(fast[0]))
          .as("core form of %s", span)
          .isEqualTo(hex(CanonicalSpan.digest(CanonicalSpan.core(evidence))));
      assertThat(hex(fast[1]))
          .as("full form of %s", span)
          .isEqualTo(hex(CanonicalSpan.digest(CanonicalSpan.full(evidence))));
    }
  }

  private static SpanData randomSpan(Random random) {
    long start = 1_765_000_000_000_000_000L + random.nextInt(1_000_000_000);
    AttributesBuilder attributes = Attributes.builder();
    for (int i = random.nextInt(8); i > 0; i--) {
      String key =
          pick(
              random,
              "custody.case.id",
              "gen_ai.tool.name",
              "error",
              "otel.scope.name",
              "b.key",
              "a.key",
              "é.key");
      switch (random.nextInt(6)) {
        case 0 -> attributes.put(key, text(random));
        case 1 -> attributes.put(AttributeKey.longKey(key), random.nextLong());
        case 2 -> attributes.put(AttributeKey.doubleKey(key), random.nextDouble() * 1e12);
        case 3 -> attributes.put(AttributeKey.booleanKey(key), random.nextBoolean());
        case 4 ->
            attributes.put(AttributeKey.stringArrayKey(key), List.of(text(random), text(random)));
        default -> attributes.put(AttributeKey.longArrayKey(key), List.of(1L, random.nextLong()));
      }
    }
    List<EventData> events =
        random.nextBoolean()
            ? List.of()
            : List.of(
                EventData.create(
                    start + 1_000,
                    text(random),
                    Attributes.of(
                        AttributeKey.stringKey("k"), text(random), AttributeKey.longKey("n"), 3L)),
                EventData.create(start + 1_000, "same", Attributes.empty()),
                EventData.create(start + 1_000, "same", Attributes.empty()),
                EventData.create(start + 500, "earlier", Attributes.empty()));
    List<LinkData> links =
        random.nextBoolean()
            ? List.of()
            : List.of(
                LinkData.create(context("b7ad6b7169203331")),
                LinkData.create(context("00f067aa0ba902b7")));
    StatusCode status = StatusCode.values()[random.nextInt(3)];
    return TestSpanData.builder()
        .setSpanContext(context("00f067aa0ba902b7"))
        .setParentSpanContext(
            random.nextBoolean() ? context("a3ce929d0e0e4736") : SpanContext.getInvalid())
        .setName(text(random))
        .setKind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
        .setStartEpochNanos(start)
        .setEndEpochNanos(start + random.nextInt(3_000_000))
        .setHasEnded(true)
        .setStatus(StatusData.create(status, random.nextBoolean() ? text(random) : null))
        .setInstrumentationScopeInfo(
            random.nextBoolean()
                ? InstrumentationScopeInfo.create("custody-test")
                : InstrumentationScopeInfo.builder(text(random)).setVersion(text(random)).build())
        .setResource(
            Resource.create(
                Attributes.of(
                    AttributeKey.stringKey("service.name"), text(random),
                    AttributeKey.stringKey("host.name"), text(random))))
        .setAttributes(attributes.build())
        .setTotalAttributeCount(8)
        .setEvents(events)
        .setTotalRecordedEvents(events.size())
        .setLinks(links)
        .setTotalRecordedLinks(links.size())
        .build();
  }

  private static SpanContext context(String spanId) {
    return SpanContext.create(TRACE, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
