package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchedSecretsTest {

  @AfterEach
  void forget() {
    FetchedSecrets.clear();
  }

  @Test
  void remembersValuesLongestFirst() {
    FetchedSecrets.remember("fake-short");
    FetchedSecrets.remember("fake-much-longer-value");
    FetchedSecrets.remember("fake-medium-val");

    assertThat(FetchedSecrets.values())
        .containsExactly("fake-much-longer-value", "fake-medium-val", "fake-short");
  }

  @Test
  void ignoresValuesShorterThanTheMinimumAndNull() {
    FetchedSecrets.remember("a".repeat(FetchedSecrets.MIN_LENGTH - 1));
    FetchedSecrets.remember(null);
    assertThat(FetchedSecrets.values()).isEmpty();

    FetchedSecrets.remember("a".repeat(FetchedSecrets.MIN_LENGTH));
    assertThat(FetchedSecrets.values()).containsExactly("a".repeat(FetchedSecrets.MIN_LENGTH));
  }

  @Test
  void ignoresValuesLongerThanTheMaximum() {
    FetchedSecrets.remember("x".repeat(FetchedSecrets.MAX_VALUE_LENGTH + 1));

    assertThat(FetchedSecrets.values()).isEmpty();
  }

  @Test
  void remembersTheJsonEscapedFormToo() {
    FetchedSecrets.remember("fake\"pass\\word\n");

    assertThat(FetchedSecrets.values())
        .containsExactlyInAnyOrder("fake\"pass\\word\n", "fake\\\"pass\\\\word\\n");
  }

  @Test
  void rememberingTheSameValueTwiceKeepsOneCopy() {
    FetchedSecrets.remember("fake-value-1");
    FetchedSecrets.remember("fake-value-1");

    assertThat(FetchedSecrets.values()).containsExactly("fake-value-1");
  }

  @Test
  void forgetsTheOldestValueBeyondTheBound() {
    for (int i = 0; i <= FetchedSecrets.MAX_VALUES; i++) {
      FetchedSecrets.remember(String.format("fake-%05d", i));
    }

    assertThat(FetchedSecrets.values())
        .hasSize(FetchedSecrets.MAX_VALUES)
        .doesNotContain("fake-00000")
        .contains("fake-00001", String.format("fake-%05d", FetchedSecrets.MAX_VALUES));
  }

  @Test
  void clearForgetsEverything() {
    FetchedSecrets.remember("fake-value-1");

    FetchedSecrets.clear();

    assertThat(FetchedSecrets.values()).isEmpty();
  }
}
