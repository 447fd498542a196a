package dev.custody.exporter.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferSettingsTest {

  private final List<String> log = new ArrayList<>();

  private BufferSettings read(Map<String, String> properties) {
    return BufferSettings.read(DefaultConfigProperties.createFromMap(properties), log::add);
  }

  @Test
  void defaultsAreAFolderPerServiceOf256MiBKeptADay() {
    BufferSettings settings = read(Map.of("otel.service.name", "travel agent/eu"));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.dir())
        .isEqualTo(
            Path.of(System.getProperty("java.io.tmpdir"), "custody-buffer", "travel_agent_eu"));
    assertThat(settings.maxBytes()).isEqualTo(256L << 20);
    assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(24));
    assertThat(log).isEmpty();
  }

  @Test
  void readsEverySetting() {
    BufferSettings settings =
        read(
            Map.of(
                "custody.buffer.enabled", "false",
                "custody.buffer.dir", "/var/lib/custody",
                "custody.buffer.max_bytes", "64MiB",
                "custody.buffer.max_age", "2h"));

    assertThat(settings)
        .isEqualTo(
            new BufferSettings(false, Path.of("/var/lib/custody"), 64L << 20, Duration.ofHours(2)));
  }

  @Test
  void sizesAreBytesOrBinaryUnits() {
    assertThat(BufferSettings.parseBytes("268435456")).isEqualTo(256L << 20);
    assertThat(BufferSettings.parseBytes("512k")).isEqualTo(512L << 10);
    assertThat(BufferSettings.parseBytes("1GiB")).isEqualTo(1L << 30);
    assertThat(BufferSettings.parseBytes("lots")).isEqualTo(-1);
  }

  @Test
  void aSizeOutOfRangeKeepsTheDefaultWithOneLine() {
    BufferSettings settings = read(Map.of("custody.buffer.max_bytes", "5TiB"));

    assertThat(settings.maxBytes()).isEqualTo(BufferSettings.DEFAULT_MAX_BYTES);
    assertThat(log).singleElement().asString().contains("custody.buffer.max_bytes=5TiB");
  }
}
