package dev.custody.testapps.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;

/**
 * vault-java-driver 6.x: {@code Vault} is an interface, its instances made by {@code Vault.create}.
 */
final class VaultClients {

  private VaultClients() {}

  static Vault connect(VaultConfig config) {
    return Vault.create(config);
  }
}
