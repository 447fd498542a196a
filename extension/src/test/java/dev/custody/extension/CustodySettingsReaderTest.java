package dev.custody.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustodySettingsReaderTest {

  @Test
  void readsTheSystemPropertyForm() {
    Map<String, String> raw =
        CustodySettingsReader.read(
            DefaultConfigProperties.createFromMap(
                Map.of("custody.capture.max_length", "100", "custody.console", "true")));

    assertThat(raw)
        .isEqualTo(Map.of("custody.capture.max_length", "100", "custody.console", "true"));
  }

  @Test
  void readsTheEnvironmentVariableForm() {
    // CUSTODY_CAPTURE_MAX_LENGTH reaches ConfigProperties as custody.capture.max.length
    Map<String, String> raw =
        CustodySettingsReader.read(
            DefaultConfigProperties.createFromMap(Map.of("custody.capture.max.length", "200")));

    assertThat(raw).isEqualTo(Map.of("custody.capture.max_length", "200"));
  }

  @Test
  void ignoresKeysCustodyDoesNotRead() {
    Map<String, String> raw =
        CustodySettingsReader.read(
            DefaultConfigProperties.createFromMap(
                Map.of("custody.unknown", "x", "otel.service.name", "travel")));

    assertThat(raw).isEmpty();
  }
}
