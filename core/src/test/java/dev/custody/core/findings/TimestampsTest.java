package dev.custody.core.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static final long NOON = 1_795_780_800_000_000L; // 2026-11-27T12:00:00Z

  @Test
  void readsRfc3339AndEpochSecondsMillisAndMicros() {
    assertThat(Timestamps.micros("2026-11-27T12:00:00Z")).hasValue(NOON);
    assertThat(Timestamps.micros("2026-11-27T13:00:00+01:00")).hasValue(NOON);
    assertThat(Timestamps.micros("1795780800")).hasValue(NOON);
    assertThat(Timestamps.micros("1795780800000")).hasValue(NOON);
    assertThat(Timestamps.micros("1795780800000000")).hasValue(NOON);
  }

  @Test
  void anythingElseIsNoTime() {
    for (String odd :
        new String[] {
          null, "", "none", "unknown", "2026-13-45T99:00:00Z", "99999999999999999999999", "-1"
        }) {
      assertThat(Timestamps.micros(odd)).as(odd).isEqualTo(OptionalLong.empty());
    }
  }

  @Test
  void durationsAsAnInvestigatorReadsThem() {
    assertThat(Timestamps.duration(-5L)).isEqualTo("0 ms");
    assertThat(Timestamps.duration(350_400L)).isEqualTo("350 ms");
    assertThat(Timestamps.duration(1_000_000L)).isEqualTo("1 s");
    assertThat(Timestamps.duration(45_000_000L)).isEqualTo("45 s");
    assertThat(Timestamps.duration(725_000_000L)).isEqualTo("12 min 5 s");
    assertThat(Timestamps.duration(3_600_000_000L)).isEqualTo("1 h");
    assertThat(Timestamps.duration(273_600_000_000L)).isEqualTo("3 d 4 h");
  }
}
