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

  private static final String COMMAND = "com.example.TravelAgent --port 8080";

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
  void namesAnUnknownService(String serviceName) {
    Resource unknown = Resource.create(Attributes.of(SERVICE_NAME, serviceName));

    assertThat(
            MainClassServiceName.named(unknown, noServiceName, COMMAND).getAttribute(SERVICE_NAME))
        .isEqualTo("TravelAgent");
  }

  @Test
  void namesAServiceNothingNamed() {
    assertThat(
            MainClassServiceName.named(Resource.empty(), noServiceName, COMMAND)
                .getAttribute(SERVICE_NAME))
        .isEqualTo("TravelAgent");
  }

  @Test
  void keepsTheNameTheJarGave() {
    Resource named = Resource.create(Attributes.of(SERVICE_NAME, "travel-agent"));

    assertThat(MainClassServiceName.named(named, noServiceName, COMMAND)).isSameAs(named);
  }

  @Test
  void keepsTheNameTheUserGave() {
    ConfigProperties userNamed =
        DefaultConfigProperties.createFromMap(Map.of("otel.service.name", "travel"));
    Resource unknown = Resource.create(Attributes.of(SERVICE_NAME, "unknown_service:java"));

    assertThat(MainClassServiceName.named(unknown, userNamed, COMMAND)).isSameAs(unknown);
  }

  @Test
  void keepsTheResourceOfAJar() {
    Resource unknown = Resource.create(Attributes.of(SERVICE_NAME, "unknown_service:java"));

    assertThat(MainClassServiceName.named(unknown, noServiceName, "build/travel-agent.jar"))
        .isSameAs(unknown);
  }
}
