package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueFingerprintsTest {

  @Test
  void aValueAlwaysGetsTheSameFingerprintWhichDoesNotContainIt() {
    String fingerprint = ValueFingerprints.of("fake-pass-123");

    assertThat(ValueFingerprints.of("fake-pass-123")).isEqualTo(fingerprint);
    assertThat(fingerprint).hasSize(22).doesNotContain("fake").doesNotContain("123");
  }

  @Test
  void valuesThatDifferInOneCharacterGetUnrelatedFingerprints() {
    String one = ValueFingerprints.of("fake-pass-123");
    String other = ValueFingerprints.of("fake-pass-124");

    assertThat(other).isNotEqualTo(one);
    assertThat(other.substring(0, 4)).isNotEqualTo(one.substring(0, 4));
  }
}
