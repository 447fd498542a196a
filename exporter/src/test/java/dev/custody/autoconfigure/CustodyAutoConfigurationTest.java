package dev.custody.autoconfigure;

import static dev.custody.autoconfigure.CustodyAutoConfiguration.COPY_FROM_BAGGAGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustodyAutoConfigurationTest {

  @Test
  void appendsTheCaseIdToTheKeysTheUserListed() {
    Map<String, String> overrides =
        CustodyAutoConfiguration.copyCaseIdFromBaggage(
            DefaultConfigProperties.createFromMap(Map.of(COPY_FROM_BAGGAGE, "user.id, tenant.id")));

    assertThat(overrides).isEqualTo(Map.of(COPY_FROM_BAGGAGE, "user.id,tenant.id,custody.case.id"));
  }

  @Test
  void listsTheCaseIdAloneWhenNothingIsListed() {
    Map<String, String> overrides =
        CustodyAutoConfiguration.copyCaseIdFromBaggage(DefaultConfigProperties.createFromMap(Map.of()));

    assertThat(overrides).isEqualTo(Map.of(COPY_FROM_BAGGAGE, "custody.case.id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"user.id,custody.case.id", "*"})
  void changesNothingWhenTheCaseIdIsAlreadyCopied(String listed) {
    Map<String, String> overrides =
        CustodyAutoConfiguration.copyCaseIdFromBaggage(
            DefaultConfigProperties.createFromMap(Map.of(COPY_FROM_BAGGAGE, listed)));

    assertThat(overrides).isEmpty();
  }
}
