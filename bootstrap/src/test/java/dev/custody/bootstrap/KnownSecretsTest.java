package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {

  private static final String VALUE = "fake-Secret/value+42";

  @AfterEach
  void forget() {
    KnownSecrets.clear();
  }

  @Test
  void findsAValueAsItIsAndInEveryEncoding() {
    KnownSecrets.remember(VALUE);
    byte[] bytes = VALUE.getBytes(StandardCharsets.UTF_8);
    String basic =
        Base64.getEncoder().encodeToString(("agent:" + VALUE).getBytes(StandardCharsets.UTF_8));

    assertThat(found("plain " + VALUE + " end")).containsExactly(VALUE);
    assertThat(found("json {\"v\":\"" + JsonStrings.escape(VALUE) + "\"}")).containsExactly(VALUE);
    assertThat(found("?q=" + URLEncoder.encode(VALUE, StandardCharsets.UTF_8) + "&x=1"))
        .containsExactly(URLEncoder.encode(VALUE, StandardCharsets.UTF_8));
    assertThat(found("hex " + HexFormat.of().formatHex(bytes) + " end"))
        .containsExactly(HexFormat.of().formatHex(bytes));
    assertThat(found("HEX " + HexFormat.of().withUpperCase().formatHex(bytes) + " end"))
        .containsExactly(HexFormat.of().withUpperCase().formatHex(bytes));
    assertThat(found("b64 " + Base64.getEncoder().encodeToString(bytes) + " end"))
        .containsExactly(Base64.getEncoder().encodeToString(bytes));
    assertThat(
            found(
                "b64url " + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + " end"))
        .containsExactly(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    assertThat(found("Authorization: Basic " + basic))
        .as("inside user:value, whole")
        .containsExactly(basic);
  }

  @Test
  void findsAValueCutAtTheEndOfTheText() {
    KnownSecrets.remember(VALUE);

    assertThat(found("cut here: " + VALUE.substring(0, 12)))
        .containsExactly(VALUE.substring(0, 12));
  }

  @Test
  void aTextEndingInAFewFirstCharactersOfAValueIsNoCutValue() {
    KnownSecrets.remember("orders-7f3a9c2e41b8d0f6a5c3");

    assertThat(found("GET /v1/database/creds/orders")).isEmpty();
  }

  @Test
  void findsEachOfManyValuesInOnePass() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      values.add(String.format("fake-value-%05d-x", i));
      KnownSecrets.remember(values.get(i));
    }

    assertThat(found("first " + values.get(0) + ", last " + values.get(4999)))
        .containsExactly(values.get(0), values.get(4999));
  }

  @Test
  void ignoresValuesTooShortOrTooLongAndNull() {
    KnownSecrets.remember("a".repeat(KnownSecrets.MIN_LENGTH - 1));
    KnownSecrets.remember(null);
    KnownSecrets.remember("x".repeat(KnownSecrets.MAX_VALUE_LENGTH + 1));

    assertThat(KnownSecrets.index().isEmpty()).isTrue();
  }

  @Test
  void keepsALiveValueWhateverTheNumberOfOthers() {
    long inAnHour = System.currentTimeMillis() + 3_600_000;
    KnownSecrets.remember("fake-live-orders-key", inAnHour, "orders");
    for (int i = 0; i < 3000; i++) {
      KnownSecrets.remember("fake-sts-session-" + i, inAnHour, "sts-" + i);
    }

    assertThat(found("orders key fake-live-orders-key")).containsExactly("fake-live-orders-key");
  }

  @Test
  void forgetsAValueOnceItsCredentialExpiredAndTheGracePassed() {
    long longAgo = System.currentTimeMillis() - KnownSecrets.GRACE_MILLIS - 1000;
    KnownSecrets.remember("fake-expired-value", longAgo, "old");
    KnownSecrets.remember("fake-recently-expired", System.currentTimeMillis() - 1000, "recent");
    KnownSecrets.remember("fake-any-later-value");

    assertThat(found("fake-expired-value")).isEmpty();
    assertThat(found("fake-recently-expired")).as("within the grace period").isNotEmpty();
  }

  @Test
  void forgetsARevokedCredentialsValuesAfterTheGracePeriod() {
    KnownSecrets.remember("fake-lease-password", KnownSecrets.NEVER, "vault:lease/1");

    KnownSecrets.revokedUnder("vault:lease/");

    assertThat(found("fake-lease-password")).as("still within the grace period").isNotEmpty();
  }

  @Test
  void forgetsTheFirstRememberedWhenTheFormsOutgrowTheMemoryBound() {
    KnownSecrets.maxBytes(1 << 20);
    int count = 0;
    while (KnownSecrets.size() == count) {
      KnownSecrets.remember(String.format("fake-value-%06d-%s", count, "x".repeat(900)));
      count++;
    }

    assertThat(found(String.format("fake-value-%06d-%s", 0, "x".repeat(900)))).isEmpty();
    assertThat(found(String.format("fake-value-%06d-%s", count - 1, "x".repeat(900)))).isNotEmpty();
  }

  private static List<String> found(String text) {
    List<String> found = new ArrayList<>();
    int[] last = {-1, -1};
    KnownSecrets.index()
        .find(
            text,
            (start, end) -> {
              if (start >= last[0] && end <= last[1]) {
                return;
              }
              last[0] = start;
              last[1] = end;
              found.add(text.substring(start, end));
            });
    return found;
  }
}
