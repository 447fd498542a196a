package dev.custody.testapps.vault.v6;

import dev.custody.testapps.vault.VaultDriverDesk;
import io.github.jopenlibs.vault.Vault;

/**
 * The order desk on vault-java-driver 6.x, where {@code Vault} is an interface whose instances
 * {@code Vault.create} makes.
 */
public final class OrderDeskApp {

  private OrderDeskApp() {}

  public static void main(String[] args) throws Exception {
    VaultDriverDesk.run(Vault::create);
  }
}
