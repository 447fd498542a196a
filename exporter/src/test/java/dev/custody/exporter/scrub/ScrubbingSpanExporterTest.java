package dev.custody.exporter.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ScrubbingSpanExporterTest {

  private static final AttributeKey<List<String>> AUTHORIZATION =
      AttributeKey.stringArrayKey("http.request.header.authorization");

  @Test
  void scrubsAttributesEventsAndStatusOfAnySpan() {
    SpanData exported =
        exportOne(
            SpanKind.CLIENT,
            span -> {
              span.setAttribute(
                  "url.full", "https://api.example.com/v1/items?api_key=fake-key-123&q=x");
              span.setAttribute(
                  AttributeKey.stringArrayKey("http.request.header.authorization"),
                  List.of("Bearer fakeopaque0123456789"));
              span.setAttribute("http.response.status_code", 200L);
              span.setAttribute(
                  AttributeKey.stringArrayKey("http.request.header.x-api-key"), List.of("fake-k1"));
              span.recordException(
                  new IllegalStateException("login failed for password=fake-pw-1"));
              span.setStatus(StatusCode.ERROR, "rejected token=fake-token-9");
            });

    assertThat(exported.getAttributes().get(AttributeKey.stringKey("url.full")))
        .isEqualTo("https://api.example.com/v1/items?api_key=[REDACTED:api-key]&q=x");
    assertThat(
            exported
                .getAttributes()
                .get(AttributeKey.stringArrayKey("http.request.header.authorization")))
        .containsExactly("Bearer [REDACTED:bearer-token]");
    assertThat(exported.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(200L);
    assertThat(
            exported
                .getAttributes()
                .get(AttributeKey.stringArrayKey("http.request.header.x-api-key")))
        .as("captured for Custody only: never exported")
        .isNull();
    assertThat(
            exported
                .getEvents()
                .get(0)
                .getAttributes()
                .get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("login failed for password=[REDACTED:password]");
    assertThat(
            exported
                .getEvents()
                .get(0)
                .getAttributes()
                .get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("password=[REDACTED:password]")
        .doesNotContain("fake-pw-1");
    assertThat(exported.getStatus().getDescription()).isEqualTo("rejected token=[REDACTED:token]");
    assertThat(exported.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void leavesASpanWithoutSecretsAsItWas() {
    InMemorySpanExporter raw = InMemorySpanExporter.create();
    try (SdkTracerProvider tracer =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(raw)).build()) {
      tracer
          .get("test")
          .spanBuilder("GET /orders")
          .startSpan()
          .setAttribute("url.full", "https://x/orders")
          .end();
      SpanData span = raw.getFinishedSpanItems().get(0);

      assertThat(
              new ScrubbingSpanExporter(InMemorySpanExporter.create(), Map.of())
                  .scrub(span, Set.of()))
          .isSameAs(span);
    }
  }

  @Test
  void dropsWhatCustodyCapturedOnlyFromTheKindOfSpanItWasCapturedFor() {
    Consumer<Span> withAuthorization =
        span -> span.setAttribute(AUTHORIZATION, List.of("Bearer fakeopaque0123456789"));

    SpanData server = exportOne(SpanKind.SERVER, withAuthorization);
    SpanData client = exportOne(SpanKind.CLIENT, withAuthorization);

    assertThat(server.getAttributes().get(AUTHORIZATION))
        .as("captured for Custody on server spans")
        .isNull();
    assertThat(server.getTotalAttributeCount())
        .as("what Custody dropped is not reported as dropped")
        .isEqualTo(server.getAttributes().size());
    assertThat(client.getAttributes().get(AUTHORIZATION))
        .as("the user asked for it on client spans")
        .containsExactly("Bearer [REDACTED:bearer-token]");
  }

  @Test
  void aSpanWhoseScrubbingFailsIsStillExportedWithTheValueReplaced() {
    TelemetryScrubber failing =
        new TelemetryScrubber(
            text -> {
              if (text.contains("hostile")) {
                throw new StackOverflowError();
              }
              return text;
            });
    InMemorySpanExporter received = InMemorySpanExporter.create();
    try (SdkTracerProvider tracer =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(new ScrubbingSpanExporter(received, Map.of(), failing))
                    .build())
            .build()) {
      for (int i = 0; i < 3; i++) {
        tracer
            .get("test")
            .spanBuilder("GET /health")
            .startSpan()
            .setAttribute("user_agent.original", i == 0 ? "hostile agent" : "curl/8")
            .end();
      }
      tracer.forceFlush().join(10, TimeUnit.SECONDS);

      assertThat(received.getFinishedSpanItems())
          .as("the batch worker survived the failure: every span went out")
          .hasSize(3)
          .extracting(
              span -> span.getAttributes().get(AttributeKey.stringKey("user_agent.original")))
          .containsExactly("[UNSCANNED:failed]", "curl/8", "curl/8");
    }
  }

  @Test
  void replacesTheValueOfAttributesNamedAfterASecretWhateverItLooksLike() {
    SpanData exported =
        exportOne(
            SpanKind.INTERNAL,
            span -> {
              span.setAttribute("db.password", "opaque");
              span.setAttribute("app.session_token", "0123456789");
              span.setAttribute(
                  AttributeKey.stringArrayKey("http.request.header.cookie"),
                  List.of("sid=abc; x=1"));
              span.setAttribute("messaging.kafka.message.key", "order-17");
              span.setAttribute("gen_ai.usage.input_tokens", 42L);
            });

    assertThat(exported.getAttributes().get(AttributeKey.stringKey("db.password")))
        .isEqualTo("[REDACTED:password]");
    assertThat(exported.getAttributes().get(AttributeKey.stringKey("app.session_token")))
        .isEqualTo("[REDACTED:credential]");
    assertThat(
            exported.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.cookie")))
        .containsExactly("[REDACTED:cookie]");
    assertThat(exported.getAttributes().get(AttributeKey.stringKey("messaging.kafka.message.key")))
        .isEqualTo("order-17");
    assertThat(exported.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(42L);
  }

  @Test
  void scrubsTheSpanNameAndLinkAttributes() {
    SpanData exported =
        exportOne(
            SpanKind.CLIENT,
            span -> {
              span.updateName("GET /callback?token=fake-token-1");
              span.addLink(
                  span.getSpanContext(),
                  Attributes.of(AttributeKey.stringKey("note"), "password=fake-pw-2"));
            });

    assertThat(exported.getName()).isEqualTo("GET /callback?token=[REDACTED:token]");
    assertThat(exported.getLinks().get(0).getAttributes().get(AttributeKey.stringKey("note")))
        .isEqualTo("password=[REDACTED:password]");
  }

  @Test
  void cutsAValueAnOutsiderMadeMegabytesLongToTheExportBoundWithItsLengthAndHash() {
    String taskId = "task-" + "7".repeat(3 << 20);
    SpanData exported =
        exportOne(
            SpanKind.SERVER,
            span -> {
              span.setAttribute("custody.handoff.task_id", taskId);
              span.addEvent("message", Attributes.of(AttributeKey.stringKey("id"), taskId));
            });

    String cut = "task-" + "7".repeat(64 * 1024 - 5) + "[CUT:3145733 chars, sha256:";
    assertThat(exported.getAttributes().get(AttributeKey.stringKey("custody.handoff.task_id")))
        .startsWith(cut)
        .hasSize(cut.length() + 64 + 1);
    assertThat(exported.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("id")))
        .startsWith(cut);
  }

  private SpanData exportOne(SpanKind kind, Consumer<Span> record) {
    Map<SpanKind, Set<AttributeKey<?>>> capturedForCustodyOnly =
        Map.of(
            SpanKind.CLIENT, Set.of(AttributeKey.stringArrayKey("http.request.header.x-api-key")),
            SpanKind.SERVER, Set.of(AUTHORIZATION));
    InMemorySpanExporter received = InMemorySpanExporter.create();
    try (SdkTracerProvider tracer =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    new ScrubbingSpanExporter(received, capturedForCustodyOnly)))
            .build()) {
      Span span = tracer.get("test").spanBuilder("span").setSpanKind(kind).startSpan();
      record.accept(span);
      span.end();
      return received.getFinishedSpanItems().get(0);
    }
  }
}
