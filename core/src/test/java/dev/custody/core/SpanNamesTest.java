package dev.custody.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanNamesTest {

  @Test
  void aNameSaysWhatWasDoneToWhat() {
    assertThat(SpanNames.of("fetch", "vault", "database/creds/readonly"))
        .isEqualTo("fetch vault database/creds/readonly");
    assertThat(SpanNames.of("fetch", "vault", null)).isEqualTo("fetch vault");
    assertThat(SpanNames.of("fetch", "vault", "")).isEqualTo("fetch vault");
  }

  @Test
  void aLongTargetIsCut() {
    String name = SpanNames.of("fetch", "vault", "secret/" + "x".repeat(100));

    assertThat(name).hasSize("fetch vault ".length() + SpanNames.MAX_TARGET).endsWith("x…");
  }
}
