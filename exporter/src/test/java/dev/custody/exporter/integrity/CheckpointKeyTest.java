package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class CheckpointKeyTest {

  /** Written by {@code openssl genpkey -algorithm ed25519}: a test key, signing nothing real. */
  static final String OPENSSL_PRIVATE_KEY =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIJTLEFB7Xf3pQBVbGTPrHBwzoJI4yDyY1UDX2/dhMnzg
      -----END PRIVATE KEY-----
      """;

  /** Its public key, as {@code openssl pkey -pubout} wrote it. */
  static final String OPENSSL_PUBLIC_KEY =
      """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAZhFtIbGW1bU1FP1KGN+iuFHtQNpcEme+WIBc0gFmTlk=
      -----END PUBLIC KEY-----
      """;

  private static final byte[] PAYLOAD =
      "{\"v\":\"custody-checkpoint-1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void anOpensslKeyHasThePublicKeyOpensslDerivesAndSignsWhatItVerifies() throws Exception {
    CheckpointKey key = CheckpointKey.fromPrivateKeyPem(OPENSSL_PRIVATE_KEY);
    PublicKey auditors = CheckpointKey.publicKeyFromPem(OPENSSL_PUBLIC_KEY);

    assertThat(key.publicKey().getEncoded()).isEqualTo(auditors.getEncoded());
    assertThat(key.publicKeyPem()).isEqualTo(OPENSSL_PUBLIC_KEY);
    assertThat(key.id()).isEqualTo(CheckpointKey.idOf(auditors)).hasSize(32);
    assertThat(key.ephemeral()).isFalse();
    assertThat(CheckpointKey.verifies(auditors, PAYLOAD, key.sign(PAYLOAD))).isTrue();
  }

  @Test
  void anotherKeysSignatureOrAnAlteredPayloadDoesNotVerify() throws Exception {
    PublicKey auditors = CheckpointKey.publicKeyFromPem(OPENSSL_PUBLIC_KEY);
    CheckpointKey other = CheckpointKey.generate();
    byte[] signature = CheckpointKey.fromPrivateKeyPem(OPENSSL_PRIVATE_KEY).sign(PAYLOAD);
    byte[] altered = PAYLOAD.clone();
    altered[3] ^= 1;

    assertThat(other.ephemeral()).isTrue();
    assertThat(CheckpointKey.verifies(auditors, PAYLOAD, other.sign(PAYLOAD))).isFalse();
    assertThat(CheckpointKey.verifies(auditors, altered, signature)).isFalse();
    assertThat(CheckpointKey.verifies(other.publicKey(), PAYLOAD, signature)).isFalse();
  }

  @Test
  void theKeyNeverPrintsItself() throws Exception {
    CheckpointKey key = CheckpointKey.fromPrivateKeyPem(OPENSSL_PRIVATE_KEY);

    assertThat(key.toString()).isEqualTo("CheckpointKey[configured]").doesNotContain("MC4CAQAw");
  }

  @Test
  void whatIsNoEd25519PrivateKeySaysWhy() {
    assertThatThrownBy(() -> CheckpointKey.fromPrivateKeyPem(OPENSSL_PUBLIC_KEY))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("-----BEGIN PRIVATE KEY-----");
    assertThatThrownBy(
            () ->
                CheckpointKey.fromPrivateKeyPem(
                    "-----BEGIN PRIVATE KEY-----\n%%%\n-----END PRIVATE KEY-----"))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
