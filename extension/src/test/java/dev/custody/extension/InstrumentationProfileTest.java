package dev.custody.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstrumentationProfileTest {

  private final List<String> warnings = new ArrayList<>();

  private Map<String, String> settings(Map<String, String> configured) {
    return InstrumentationProfile.settings(
        DefaultConfigProperties.createFromMap(configured), warnings::add);
  }

  @Test
  void theFullProfileIsTheDefaultAndChangesNothing() {
    assertThat(settings(Map.of())).isEmpty();
    assertThat(settings(Map.of("custody.profile", "full"))).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void leanSwitchesEverythingOffButTheAuditsInstrumentationsAndCustodysOwn() {
    Map<String, String> lean = settings(Map.of("custody.profile", "lean"));

    assertThat(lean)
        .containsEntry("otel.instrumentation.common.default-enabled", "false")
        .containsEntry("otel.instrumentation.custody.enabled", "true")
        .containsEntry("otel.instrumentation.kafka.enabled", "true")
        .containsEntry("otel.instrumentation.aws-sdk.enabled", "true")
        .containsEntry("otel.instrumentation.openai-java.enabled", "true")
        .doesNotContainKey("otel.instrumentation.jedis.enabled")
        .hasSize(InstrumentationProfile.LEAN.size() + 1);
    assertThat(lean.values()).containsOnly("true", "false");
  }

  @Test
  void whatTheUserSetWins() {
    Map<String, String> lean =
        settings(
            Map.of(
                "custody.profile", " LEAN ",
                "otel.instrumentation.kafka.enabled", "false",
                "otel.instrumentation.custody.enabled", "false",
                "otel.instrumentation.common.default-enabled", "true"));

    assertThat(lean)
        .doesNotContainKeys(
            "otel.instrumentation.kafka.enabled",
            "otel.instrumentation.custody.enabled",
            "otel.instrumentation.common.default-enabled")
        .containsEntry("otel.instrumentation.jms.enabled", "true");
  }

  @Test
  void anUnknownProfileIsReportedAndTheFullOneUsed() {
    assertThat(settings(Map.of("custody.profile", "tiny"))).isEmpty();
    assertThat(warnings)
        .containsExactly(
            "Custody: ignoring custody.profile='tiny': accepted values are full, lean; using full.");
  }
}
