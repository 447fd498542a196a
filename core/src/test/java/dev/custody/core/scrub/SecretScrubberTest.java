package dev.custody.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.KnownSecrets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretScrubberTest {

  // Fake values, assembled at run time so that no source line looks like a real credential.
  private static final String AWS_KEY_ID = "AKIA" + "FAKEKEYFORTESTS1";
  // Random-looking, as real keys are: one made of words ("FakeSecretAccessKey...") is text, not a
  // key.
  private static final String AWS_SECRET = "Fk9qLz2W" + "xR7vT4bN8mC1" + "pY6hJ3sD0gK5aE2uZ9oQ";
  private static final String JWT =
      "eyJhbGciOiJub25lIn0" + ".eyJzdWIiOiJmYWtlIn0" + ".ZmFrZS1zaWduYXR1cmU";
  private static final String PEM_BEGIN = "-----BEGIN " + "RSA PRIVATE KEY-----";
  private static final String PEM_END = "-----END " + "RSA PRIVATE KEY-----";
  private static final String PEM_BODY = "MIIBfakeFAKEfakeKEYbody0123\nZmFrZS1rZXk=";

  @AfterEach
  void forgetKnownSecrets() {
    KnownSecrets.clear();
  }

  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of(
            "key id " + AWS_KEY_ID + " in use",
            AWS_KEY_ID,
            "key id [REDACTED:aws-access-key-id] in use"),
        Arguments.of(
            "the value " + AWS_SECRET + " was rotated",
            AWS_SECRET,
            "the value [REDACTED:aws-secret-access-key] was rotated"),
        Arguments.of(
            "aws_secret_access_key = " + AWS_SECRET,
            AWS_SECRET,
            "aws_secret_access_key = [REDACTED:aws-secret-access-key]"),
        Arguments.of(
            "Authorization: Bearer abc.def-123456",
            "abc.def-123456",
            "Authorization: Bearer [REDACTED:bearer-token]"),
        Arguments.of(
            "session " + JWT + " expired", "ZmFrZS1zaWduYXR1cmU", "session [REDACTED:jwt] expired"),
        Arguments.of(
            "Authorization: Bearer " + JWT,
            "ZmFrZS1zaWduYXR1cmU",
            "Authorization: Bearer [REDACTED:jwt]"),
        Arguments.of(
            "Authorization: Basic dXNlcjpwYXNz",
            "dXNlcjpwYXNz",
            "Authorization: Basic [REDACTED:basic-auth]"),
        Arguments.of(
            "fetch https://user:s3cr3t@host/x now",
            "s3cr3t",
            "fetch https://user:[REDACTED:basic-auth]@host/x now"),
        Arguments.of(
            "key:\n" + PEM_BEGIN + "\n" + PEM_BODY + "\n" + PEM_END + "\nthat was all",
            "MIIBfake",
            "key:\n[REDACTED:private-key]\nthat was all"),
        Arguments.of(
            "cut key:\n" + PEM_BEGIN + "\n" + PEM_BODY,
            "MIIBfake",
            "cut key:\n[REDACTED:private-key]"),
        Arguments.of(
            "login with password=fake-Pass-1 today",
            "fake-Pass-1",
            "login with password=[REDACTED:password] today"),
        Arguments.of(
            "{\"api_key\": \"fake key with spaces\", \"model\": \"gpt\"}",
            "fake key",
            "{\"api_key\": \"[REDACTED:api-key]\", \"model\": \"gpt\"}"),
        Arguments.of(
            "{\"arguments\":\"{\\\"password\\\":\\\"p w\\\"}\"}",
            "p w",
            "{\"arguments\":\"{\\\"password\\\":\\\"[REDACTED:password]\\\"}\"}"),
        Arguments.of("client_secret: fake-cs-1", "fake-cs-1", "client_secret: [REDACTED:secret]"),
        Arguments.of(
            "GITHUB_TOKEN=fake-gh-token-1", "fake-gh-token-1", "GITHUB_TOKEN=[REDACTED:token]"),
        Arguments.of(
            "SECRET_KEY=fakesecretkey1", "fakesecretkey1", "SECRET_KEY=[REDACTED:api-key]"),
        Arguments.of("encryption-key: fakeenc1", "fakeenc1", "encryption-key: [REDACTED:api-key]"),
        Arguments.of(
            "Authorization: Bearer opaqueopaqueopaque",
            "opaqueopaqueopaque",
            "Authorization: Bearer [REDACTED:bearer-token]"),
        Arguments.of(
            "using sk-fakeFAKEfake0123456789ab now", "sk-fake", "using [REDACTED:api-key] now"),
        Arguments.of(
            "using sk-ant-api03-fakeFAKEfake0123456789 now",
            "sk-ant",
            "using [REDACTED:api-key] now"),
        Arguments.of(
            "clone with ghp_fakeFAKEfake0123456789fakeFAKE0123",
            "ghp_",
            "clone with [REDACTED:api-key]"),
        Arguments.of(
            "vault says hvs.fakeFAKEfake0123456789", "hvs.", "vault says [REDACTED:api-key]"));
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void replacesEachKindOfSecretWithItsMarker(String text, String secret, String expected) {
    String scrubbed = SecretScrubber.scrub(text);

    assertThat(scrubbed).isEqualTo(expected).doesNotContain(secret);
  }

  @Test
  void replacesValuesFetchedFromACredentialStore() {
    KnownSecrets.remember("fetched-fake-value");

    assertThat(SecretScrubber.scrub("the db said fetched-fake-value, ok"))
        .isEqualTo("the db said [REDACTED:credential], ok");
  }

  @Test
  void replacesALongerFetchedValueWholeWhenItContainsAShorterOne() {
    KnownSecrets.remember("fake-value");
    KnownSecrets.remember("fake-value-extended");

    assertThat(SecretScrubber.scrub("got fake-value-extended"))
        .isEqualTo("got [REDACTED:credential]");
  }

  @Test
  void replacesTheJsonEscapedFormOfAFetchedValue() {
    KnownSecrets.remember("fake\"quoted value");

    assertThat(SecretScrubber.scrub("{\"note\":\"fake\\\"quoted value\"}"))
        .isEqualTo("{\"note\":\"[REDACTED:credential]\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Give me a basic summary of the trip, then book the cheapest flight to Lisbon.",
        "Basic Itinerary: one flight to Lisbon, two nights in a hotel.",
        "I forgot my password; can you explain how access tokens and secrets are stored?",
        "max_tokens=100",
        "monkey=3 and turkey: 4",
        "Explain how bearer tokens work.",
        "secret_name=prod/db",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-db-AbCdEf",
        "commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 fixed it",
      })
  void leavesOrdinaryTextUntouched(String text) {
    assertThat(SecretScrubber.scrub(text)).isEqualTo(text);
  }

  @Test
  void aValueWithNoEndTakesNothingWithItAndTheTextAfterItIsStillRead() {
    String endless = "x1".repeat(3000);

    assertThat(SecretScrubber.scrub("password=" + endless + " then token=fake-token-9"))
        .isEqualTo("password=" + endless + " then token=[REDACTED:token]");
  }

  @Test
  void anUnclosedQuoteRedactsToTheEndOfItsLineOnly() {
    assertThat(SecretScrubber.scrub("password=\"fake-pw-1\nthe next line stays"))
        .isEqualTo("password=\"[REDACTED:password]\nthe next line stays");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void returnsNullAndEmptyAsGiven(String text) {
    assertThat(SecretScrubber.scrub(text)).isEqualTo(text);
  }
}
