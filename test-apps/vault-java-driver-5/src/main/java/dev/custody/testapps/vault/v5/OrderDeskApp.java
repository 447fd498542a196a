package dev.custody.testapps.vault.v5;

import dev.custody.testapps.vault.VaultDriverDesk;
import io.github.jopenlibs.vault.Vault;

/** The order desk on vault-java-driver 5.x, where {@code Vault} is a class. */
public final class OrderDeskApp {

  private OrderDeskApp() {}

  public static void main(String[] args) throws Exception {
    VaultDriverDesk.run(Vault::new);
  }
}
