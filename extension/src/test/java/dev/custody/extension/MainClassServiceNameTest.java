package dev.custody.extension;

import static dev.custody.extension.MainClassServiceName.SERVICE_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MainClassServiceNameTest {

  private final MainClassServiceName provider = new MainClassServiceName();
  private final ConfigProperties noServiceName = DefaultConfigProperties.createFromMap(Map.of());

  @Test
  void takesTheSimpleNameOfTheMainClass() {
    assertThat(MainClassServiceName.mainClassSimpleName("com.example.TravelAgent arg1"))
        .isEqualTo("TravelAgent");
    assertThat(MainClassServiceName.mainClassSimpleName("TravelAgent")).isEqualTo("TravelAgent");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "build/travel-agent.jar --port 8080"})
  void hasNoNameForAJarOrNothing(String command) {
    assertThat(MainClassServiceName.mainClassSimpleName(command)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"unknown_service", "unknown_service:java"})
  void appliesWhenTheServiceIsUnknown(String serviceName) {
    assertThat(
            provider.shouldApply(
                noServiceName, Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
        .isTrue();
  }

  @Test
  void appliesWhenNoServiceNameWasDetected() {
    assertThat(provider.shouldApply(noServiceName, Resource.empty())).isTrue();
  }

  @Test
  void doesNotApplyWhenTheJarNamedTheService() {
    assertThat(
            provider.shouldApply(
                noServiceName, Resource.create(Attributes.of(SERVICE_NAME, "travel-agent"))))
        .isFalse();
  }

  @Test
  void doesNotApplyWhenTheUserNamedTheService() {
    ConfigProperties named =
        DefaultConfigProperties.createFromMap(Map.of("otel.service.name", "travel"));

    assertThat(provider.shouldApply(named, Resource.empty())).isFalse();
  }
}
