package dev.custody.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentHasherTest {

  @Test
  void hashesWithSha256WithoutAKey() {
    assertThat(ContentHasher.hash("abc", null))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashesWithHmacSha256WithAKey() {
    // RFC 4231, test case 2
    assertThat(ContentHasher.hash("what do ya want for nothing?", "Jefe"))
        .isEqualTo("hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void hashesTheUtf8Bytes() {
    // SHA-256 of the two bytes c3 a9, as printf é | sha256sum gives it
    assertThat(ContentHasher.hash("é", null))
        .isEqualTo("sha256:4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  }

  @Test
  void writesEveryByteAsTwoLowerCaseHexDigits() {
    assertThat(ContentHasher.hex(new byte[] {0x00, 0x0f, (byte) 0x80, (byte) 0xff}))
        .isEqualTo("000f80ff");
  }
}
