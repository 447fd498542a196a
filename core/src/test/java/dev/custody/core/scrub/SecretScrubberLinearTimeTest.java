package dev.custody.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.testing.AdversarialInputs;
import dev.custody.testing.AdversarialInputs.Adversarial;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scrubber runs on every string an outsider can send through the export path, so whatever the
 * text its time must grow linearly with it: each adversarial input is scrubbed, without any
 * Throwable (StackOverflowError included), within a bound proportional to its size that a linear
 * scanner meets on a loaded 2-core machine and a quadratic one misses from a few KB on; four times
 * the text takes less than ten times the time (the fastest of three runs each). A text the scrubber
 * gives up on becomes a short {@code [UNSCANNED...]} marker, which every bound here admits.
 */
class SecretScrubberLinearTimeTest {

  private static final int KB = 1024;
  private static final int MB = 1024 * KB;

  /**
   * Loose for a linear scanner (tens of ms per MB once compiled, a few hundred on cores shared with
   * other builds); a quadratic one needs minutes per MB. The ratio below is the linearity test.
   */
  private static final Duration PER_MB = Duration.ofSeconds(2);

  /** For what does not grow with the text: a GC pause, the JIT, another build on the same cores. */
  private static final Duration SLACK = Duration.ofSeconds(1);

  /**
   * Four times the text: a linear scrubber takes about four times as long, a quadratic one sixteen
   * times.
   */
  private static final long MAX_TIME_RATIO = 10;

  /** Shorter times are noise, not the base of a ratio. */
  private static final long NOISE_NANOS = Duration.ofMillis(25).toNanos();

  /**
   * The longest marker over the shortest secret it replaces, key kept: pwd=x, becomes
   * pwd=[REDACTED:password],
   */
  private static final int MAX_GROWTH = 4;

  /**
   * Each within its own bound before the measured sizes: a quadratic input fails within a second,
   * not an hour.
   */
  private static final int[] WARM_UP_SIZES = {16 * KB, 64 * KB, 256 * KB};

  @BeforeAll
  static void forgetKnownSecrets() {
    KnownSecrets.clear();
  }

  static List<String> inputs() {
    return AdversarialInputs.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void scrubsOneMegabyteInTimeProportionalToItsSize(String name) {
    warmUp(name);

    long quarter = fastestOfThree(AdversarialInputs.of(name, 256 * KB));
    long whole = fastestOfThree(AdversarialInputs.of(name, MB));

    assertThat(whole)
        .as("%s: ns for 1 MB, against %d ns for 256 KB", name, quarter)
        .isLessThanOrEqualTo(MAX_TIME_RATIO * Math.max(quarter, NOISE_NANOS));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "jwt-eyJ-dash-run",
        "url-host-a-dot-run",
        "pair-password-quote-unclosed",
        "pair-password-escaped-quote-pairs",
        "base62-single-token",
        "whitespace-run",
        "binary-random-utf16",
        "prose",
        "secrets-dense",
      })
  void scrubsFiveMegabytesInTimeProportionalToItsSize(String name) {
    warmUp(name);

    scrubWithinBound(AdversarialInputs.of(name, 5 * MB));
  }

  @Test
  void scrubsTheAdversarialPromptInTimeProportionalToItsSize() {
    scrubWithinBound(AdversarialInputs.prompt());
  }

  private static void warmUp(String name) {
    for (int size : WARM_UP_SIZES) {
      scrubWithinBound(AdversarialInputs.of(name, size));
    }
  }

  /** The fastest of three scrubs: a descheduled thread or a GC pause slows one, not all three. */
  private static long fastestOfThree(Adversarial input) {
    long fastest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      fastest = Math.min(fastest, scrubWithinBound(input));
    }
    return fastest;
  }

  /**
   * Scrubs the input within its bound to a String of bounded length; returns the nanoseconds it
   * took.
   */
  private static long scrubWithinBound(Adversarial input) {
    String text = input.text();
    Duration bound = PER_MB.multipliedBy(text.length()).dividedBy(MB).plus(SLACK);

    Scrubbed scrubbed =
        assertTimeoutPreemptively(
            bound,
            () -> {
              long start = System.nanoTime();
              String result =
                  assertDoesNotThrow(() -> SecretScrubber.scrub(text), input + " threw");
              return new Scrubbed(result, System.nanoTime() - start);
            },
            () -> input + " not scrubbed within " + bound.toMillis() + " ms");

    assertThat(scrubbed.text()).as(input.toString()).isNotNull();
    assertThat(scrubbed.text().length())
        .as("scrubbed length of " + input)
        .isLessThanOrEqualTo(MAX_GROWTH * text.length());
    return scrubbed.nanos();
  }

  private record Scrubbed(String text, long nanos) {}
}
