package dev.custody.benchmarks;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.scrub.SecretScrubber;
import dev.custody.testing.AdversarialInputs;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scrubber alone, in the benchmark's JVM: one operation scrubs a 1 MB text, so the score in
 * ms/op is ms per MB. Inputs are ordinary prose, text dense with secrets and every hostile input of
 * {@link AdversarialInputs}; before the measurement, a number of random values is remembered as
 * fetched, which the scrubber replaces first. An agent changes nothing here: run it with JMH's own
 * runner (see README.md), not through {@link AgentComparison}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScrubberBenchmark {

  private static final int MB = 1024 * 1024;
  private static final String VALUE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** Every name of {@link AdversarialInputs#names()}, the baselines first. */
  @Param({
    "prose",
    "secrets-dense",
    "jwt-eyJ-dash-run",
    "jwt-header-dot-run",
    "url-scheme-a-dot-run",
    "url-host-a-dot-run",
    "url-scheme-userinfo-run",
    "url-password-without-at",
    "bearer-repeated",
    "bearer-near-token-run",
    "basic-repeated",
    "basic-near-word-run",
    "pem-begin-run",
    "pem-private-key-without-end",
    "aws-akia-run",
    "aws-secret-39-char-runs",
    "api-key-sk-run",
    "api-key-ghp-short-runs",
    "api-key-prefix-near-misses",
    "pair-password-quote-unclosed",
    "pair-password-escaped-quote-pairs",
    "pair-json-password-backslash-run",
    "pair-escaped-json-password",
    "pair-password-single-quote-unclosed",
    "pair-password-equals-run",
    "pair-token-colon-run",
    "pair-my-key-is-run",
    "pair-query-empty-values-run",
    "pair-key-whitespace-no-separator",
    "percent-run",
    "percent-2-run",
    "base62-single-token",
    "whitespace-run",
    "json-deep-arrays",
    "json-deep-objects",
    "json-deep-token-objects",
    "binary-random-utf16",
    "ascii-random-printable",
  })
  public String input;

  /** Values remembered through {@link KnownSecrets#remember}, 24 to 64 random characters each. */
  @Param({"10", "5000"})
  public int fetchedValues;

  private String text;

  @Setup
  public void setUp() {
    KnownSecrets.clear();
    Random random = new Random(fetchedValues);
    for (int i = 0; i < fetchedValues; i++) {
      KnownSecrets.remember(randomValue(random, 24 + random.nextInt(41)));
    }
    text = AdversarialInputs.of(input, MB).text();
  }

  @TearDown
  public void tearDown() {
    KnownSecrets.clear();
  }

  @Benchmark
  public String scrub() {
    return SecretScrubber.scrub(text);
  }

  private static String randomValue(Random random, int length) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length())));
    }
    return value.toString();
  }
}
