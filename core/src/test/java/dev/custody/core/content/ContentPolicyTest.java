package dev.custody.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.config.CustodyConfig;
import dev.custody.core.content.ContentPolicy.Captured;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentPolicyTest {

  private static final String RAW = "Book a flight, password=fake-pw-1234 then a hotel";
  private static final AttributeKey<String> TEXT = AttributeKey.stringKey("test.text");
  private static final AttributeKey<String> HASH = AttributeKey.stringKey("test.text.hash");

  @AfterEach
  void restoreDefaults() {
    CustodySettings.publish(Map.of());
    KnownSecrets.clear();
  }

  private static CustodyConfig config(String... keyValues) {
    Map<String, String> raw = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      raw.put(keyValues[i], keyValues[i + 1]);
    }
    return CustodyConfig.parse(raw, warning -> {});
  }

  @Test
  void offCapturesNothing() {
    Captured captured =
        ContentPolicy.capture(config("custody.capture.content", "off"), ContentFamily.PROMPT, RAW);

    assertThat(captured).isEqualTo(new Captured(null, null));
  }

  @Test
  void hashCapturesOnlyTheHash() {
    Captured captured =
        ContentPolicy.capture(
            config("custody.capture.content", "hash"), ContentFamily.PROMPT, "abc");

    assertThat(captured.text()).isNull();
    assertThat(captured.hash())
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashUsesTheConfiguredKey() {
    Captured captured =
        ContentPolicy.capture(
            config("custody.capture.content", "hash", "custody.hash.key", "Jefe"),
            ContentFamily.PROMPT,
            "what do ya want for nothing?");

    assertThat(captured.hash())
        .isEqualTo("hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void redactedScrubsCutsAndHashesTheRawText() {
    Captured captured =
        ContentPolicy.capture(
            config("custody.capture.max_length", "40"), ContentFamily.PROMPT, RAW);

    assertThat(captured.text()).isEqualTo("Book a flight, password=[REDACTED:passwo");
    assertThat(captured.hash()).isEqualTo(ContentHasher.hash(RAW, null));
  }

  @Test
  void fullScrubsButDoesNotCut() {
    String raw = "x".repeat(10_000) + " password=fake-pw-1234";

    Captured captured =
        ContentPolicy.capture(config("custody.capture.content", "full"), ContentFamily.TOOL, raw);

    assertThat(captured.text()).isEqualTo("x".repeat(10_000) + " password=[REDACTED:password]");
    assertThat(captured.hash()).isEqualTo(ContentHasher.hash(raw, null));
  }

  @Test
  void fullIsBoundedAtOneMebibyte() {
    String raw = "y".repeat(ContentPolicy.FULL_LIMIT + 10);

    Captured captured =
        ContentPolicy.capture(config("custody.capture.content", "full"), ContentFamily.TOOL, raw);

    assertThat(captured.text()).hasSize(1 << 20);
  }

  @Test
  void aFamilySettingOverridesTheDefault() {
    CustodyConfig config = config("custody.capture.content", "full", "custody.capture.tool", "off");

    assertThat(ContentPolicy.capture(config, ContentFamily.TOOL, "tool output"))
        .isEqualTo(new Captured(null, null));
    assertThat(ContentPolicy.capture(config, ContentFamily.MESSAGES, "model output").text())
        .isEqualTo("model output");
  }

  @Test
  void nullContentCapturesNothing() {
    assertThat(
            ContentPolicy.capture(
                config("custody.capture.content", "full"), ContentFamily.PROMPT, null))
        .isEqualTo(new Captured(null, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fetched-fake-value",
        "Fk9qLz2WxR7vT4bN8mC1pY6hJ3sD0gK5aE2uZ9oQ",
        "sk-fakeFAKEfake0123456789ab"
      })
  void aSecretAcrossTheLengthBoundaryNeverAppearsInPart(String secret) {
    KnownSecrets.remember("fetched-fake-value");
    String raw = "x".repeat(44) + " " + secret + " and more text after it";

    Captured captured =
        ContentPolicy.capture(
            config("custody.capture.max_length", "50"), ContentFamily.PROMPT, raw);

    assertThat(captured.text())
        .isEqualTo("x".repeat(44) + " [REDA")
        .doesNotContain(secret.substring(0, 4));
  }

  @Test
  void aFetchedSecretLongerThanTheScrubMarginIsStillReplacedWhole() {
    String longSecret = "fetched-" + "q".repeat(ContentPolicy.SCRUB_MARGIN + 5000);
    KnownSecrets.remember(longSecret);

    Captured captured =
        ContentPolicy.capture(config(), ContentFamily.TOOL, "result: " + longSecret + " done");

    assertThat(captured.text()).isEqualTo("result: [REDACTED:credential] done");
  }

  @Test
  void recordSetsTheTextAndHashOnTheSpan() {
    CustodySettings.publish(Map.of("custody.capture.prompt", "full"));

    assertThat(recorded(RAW))
        .isEqualTo(
            Map.of(
                TEXT,
                "Book a flight, password=[REDACTED:password] then a hotel",
                HASH,
                ContentHasher.hash(RAW, null)));
  }

  @Test
  void recordSetsOnlyTheHashInHashMode() {
    CustodySettings.publish(Map.of("custody.capture.prompt", "hash"));

    assertThat(recorded(RAW)).isEqualTo(Map.of(HASH, ContentHasher.hash(RAW, null)));
  }

  @Test
  void recordSetsNothingWhenOff() {
    CustodySettings.publish(Map.of("custody.capture.prompt", "off"));

    assertThat(recorded(RAW)).isEmpty();
  }

  @Test
  void structuredContentIsCapturedPieceByPieceAndHashedWhole() {
    ContentPolicy.Structured json = text -> "{\"a\":\"" + text.apply("password=fake-pw-1") + "\"}";

    Captured captured = ContentPolicy.captureStructured(config(), ContentFamily.MESSAGES, json);

    assertThat(captured.text()).isEqualTo("{\"a\":\"password=[REDACTED:password]\"}");
    assertThat(captured.hash())
        .isEqualTo(ContentHasher.hash("{\"a\":\"password=fake-pw-1\"}", null));
  }

  /** The attributes of a real SDK span after recording {@code raw} on it as a prompt. */
  private static Map<AttributeKey<?>, Object> recorded(String raw) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      Span span = tracerProvider.get("test").spanBuilder("span").startSpan();
      ContentPolicy.capture(ContentFamily.PROMPT, raw).setOn(span, TEXT, HASH);
      span.end();
      return exporter.getFinishedSpanItems().get(0).getAttributes().asMap();
    }
  }
}
