package dev.custody.extension;

import static dev.custody.extension.CustodyAutoConfiguration.COPY_FROM_BAGGAGE;
import static dev.custody.extension.CustodyAutoConfiguration.SQS_MESSAGE_PROPAGATION;
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
        CustodyAutoConfiguration.copyCaseIdFromBaggage(
            DefaultConfigProperties.createFromMap(Map.of()));

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

  @Test
  void sqsMessagesCarryThePropagatorsUnlessTheUserChose() {
    assertThat(
            CustodyAutoConfiguration.carryBaggageInSqsMessages(
                DefaultConfigProperties.createFromMap(Map.of())))
        .isEqualTo(Map.of(SQS_MESSAGE_PROPAGATION, "true"));
    assertThat(
            CustodyAutoConfiguration.carryBaggageInSqsMessages(
                DefaultConfigProperties.createFromMap(Map.of(SQS_MESSAGE_PROPAGATION, "false"))))
        .isEmpty();
  }

  @Test
  void warnsInOneLineWhenThePropagatorsCarryNoBaggage() {
    String warning =
        CustodyAutoConfiguration.baggageWarning(
            DefaultConfigProperties.createFromMap(Map.of("otel.propagators", "tracecontext,b3")));

    assertThat(warning)
        .isEqualTo(
            "Custody: otel.propagators=tracecontext,b3 carries no baggage, so the case id (custody.case.id) stops at"
                + " this process: calls to other services and messages sent will not join their case. Add baggage to"
                + " otel.propagators.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tracecontext,baggage", "b3,jaeger", "ottrace"})
  void saysNothingWhenAPropagatorCarriesBaggage(String propagators) {
    Map<String, String> settings =
        propagators.isEmpty() ? Map.of() : Map.of("otel.propagators", propagators);

    assertThat(
            CustodyAutoConfiguration.baggageWarning(
                DefaultConfigProperties.createFromMap(settings)))
        .isNull();
  }
}
