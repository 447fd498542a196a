package dev.custody.testapps.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;

/** vault-java-driver 5.x: {@code Vault} is a class. */
final class VaultClients {

  private VaultClients() {}

  static Vault connect(VaultConfig config) {
    return new Vault(config);
  }
}
