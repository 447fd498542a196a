package dev.custody.testapps.vault;

import dev.custody.testapps.vaultshared.OrderDesk;
import dev.langchain4j.agent.tool.Tool;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.database.DatabaseCredential;
import io.github.jopenlibs.vault.response.DatabaseResponse;
import java.util.function.Function;

/**
 * An order desk agent on LangChain4j ({@link OrderDesk}) whose tool gets what it needs from
 * HashiCorp Vault with vault-java-driver, as a user of both writes it: no Custody code. The tool
 * logs in with AppRole, reads the orders API settings (KV version 2), obtains order and reports
 * database credentials and calls the order backend with the order ones, tries the payroll secret
 * its policy denies (Vault answers 403, which the driver returns), gives up on the inventory secret
 * after a one-second read timeout (printing the driver's exception), reads the order report with
 * the reports credentials, revokes its database leases (the order lease by its id, the reports
 * leases by their prefix) and then reads the order's history with the order credentials it kept:
 * what a case looks like when a lease runs out before its last use, or a revoked credential is
 * presented again (a test gives the reports role a one-second lease). After the task the app
 * revokes its own token. Vault is at {@code -Dapp.vault.url}. How a client is made depends on the
 * driver's version, whose app says it.
 */
public final class VaultDriverDesk {

  /** The desk's tool, holding the Vault token its login obtained. */
  public static final class OrderTools {
    private final Function<VaultConfig, Vault> clients;
    String token;

    OrderTools(Function<VaultConfig, Vault> clients) {
      this.clients = clients;
    }

    @Tool("Looks an order up in the order database")
    public String lookupOrder(String orderId) throws Exception {
      Vault anonymous = clients.apply(settings(null).build());
      token = anonymous.auth().loginByAppRole("orders-agent", "s3cr3t-id").getAuthClientToken();
      Vault vault = clients.apply(settings(token).build());
      String region = vault.logical().read("secret/orders-api").getData().get("region");
      DatabaseResponse orders = vault.database().creds("orders");
      DatabaseCredential reports = vault.database().creds("reports").getCredential();
      DatabaseCredential credential = orders.getCredential();
      int payroll = vault.logical().read("secret/payroll").getRestResponse().getStatus();
      try {
        clients.apply(settings(token).readTimeout(1).build()).logical().read("secret/inventory");
      } catch (VaultException slow) {
        System.out.println("INVENTORY UNAVAILABLE: " + slow);
      }
      String order = OrderDesk.lookUp(orderId, credential.getUsername(), credential.getPassword());
      // A second after the reports credentials were obtained: the slow inventory read took it.
      String report =
          OrderDesk.get("/reports/orders", reports.getUsername(), reports.getPassword());
      vault.leases().revoke(orders.getLeaseId());
      vault.leases().revokePrefix("database/creds/reports");
      // The tool kept a copy of the order credentials, which outlives their lease.
      OrderDesk.get(
          "/orders/" + orderId + "/history", credential.getUsername(), credential.getPassword());
      return order + " (region " + region + ", payroll " + payroll + ", " + report + ")";
    }
  }

  private VaultDriverDesk() {}

  /** Runs the task; {@code clients} makes a client of the driver's version from its settings. */
  public static void run(Function<VaultConfig, Vault> clients) throws Exception {
    OrderTools tools = new OrderTools(clients);
    OrderDesk.ask(tools);
    clients.apply(settings(tools.token).build()).auth().revokeSelf();
  }

  /**
   * The settings of the desk's Vault, with {@code token} once logged in, for the caller to build.
   */
  static VaultConfig settings(String token) {
    VaultConfig config =
        new VaultConfig().address(System.getProperty("app.vault.url")).engineVersion(2);
    return token == null ? config : config.token(token);
  }
}
