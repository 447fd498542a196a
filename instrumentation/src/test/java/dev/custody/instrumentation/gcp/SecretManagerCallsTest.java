package dev.custody.instrumentation.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretManagerCallsTest {

  @Test
  void aFetchIsNamedByTheSecretNotItsVersion() {
    assertThat(SecretManagerCalls.secretOf("projects/shop/secrets/orders-db/versions/latest"))
        .isEqualTo("projects/shop/secrets/orders-db");
    assertThat(SecretManagerCalls.secretOf("projects/shop/secrets/orders-db"))
        .isEqualTo("projects/shop/secrets/orders-db");
  }
}
