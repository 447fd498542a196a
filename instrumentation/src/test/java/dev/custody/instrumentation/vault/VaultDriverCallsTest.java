package dev.custody.instrumentation.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VaultDriverCallsTest {

  @Test
  void aLoginIsNamedByItsMountWithoutTheUserName() {
    assertThat(VaultDriverCalls.loginName("auth/approle/login")).isEqualTo("auth/approle/login");
    assertThat(VaultDriverCalls.loginName("auth/userpass/login/alice"))
        .isEqualTo("auth/userpass/login");
    assertThat(VaultDriverCalls.loginName("auth/token/create")).isEqualTo("auth/token/create");
    assertThat(VaultDriverCalls.loginName(null)).isNull();
  }
}
