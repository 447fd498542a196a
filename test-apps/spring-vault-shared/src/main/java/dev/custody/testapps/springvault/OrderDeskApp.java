package dev.custody.testapps.springvault;

import dev.custody.testapps.vaultshared.OrderDesk;
import dev.langchain4j.agent.tool.Tool;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.lease.SecretLeaseContainer;
import org.springframework.vault.core.lease.event.SecretLeaseCreatedEvent;
import org.springframework.web.client.RestTemplate;

/**
 * An order desk agent on LangChain4j ({@link OrderDesk}) whose tool gets what it needs from
 * HashiCorp Vault with Spring Vault, as a user of both writes it: no Custody code. The Vault
 * session logs in with AppRole when first used; a lease container with short renewal windows keeps
 * database credentials. The tool reads the orders API settings (KV version 2) and the order archive
 * settings, which do not exist yet, tries the payroll secret its policy denies, asks the container
 * for the order database's credentials (rotated when their lease cannot be renewed any more) and
 * the reports database's (renewed until they run out), and calls the order backend with the current
 * order credentials. After the task the app runs {@code -Dapp.linger.ms} (3000 unless set) while
 * the container rotates and renews, then shuts down: the container revokes the leases it holds, the
 * session manager its token. Vault is at {@code -Dapp.vault.url}.
 */
public final class OrderDeskApp {

  static final String ORDERS_DATABASE = "database/creds/orders-rotating";
  static final String REPORTS_DATABASE = "database/creds/reports";

  /**
   * The desk's tools, and the order database credentials the container hands it, the current ones
   * after rotations.
   */
  public static final class OrderTools {
    private final AtomicReference<Map<String, Object>> orderDatabase = new AtomicReference<>();
    private final VaultTemplate vault;
    private final SecretLeaseContainer leases;

    OrderTools(VaultTemplate vault, SecretLeaseContainer leases) {
      this.vault = vault;
      this.leases = leases;
      leases.addLeaseListener(
          event -> {
            if (event instanceof SecretLeaseCreatedEvent created
                && event.getSource().getPath().equals(ORDERS_DATABASE)) {
              orderDatabase.set(created.getSecrets());
            }
          });
    }

    @Tool("Looks an order up in the order database")
    public String lookupOrder(String orderId) throws Exception {
      Map<?, ?> settings =
          (Map<?, ?>) vault.read("secret/data/orders-api").getRequiredData().get("data");
      String archive = vault.read("secret/data/orders-archive") == null ? "none" : "configured";
      String payroll;
      try {
        vault.read("secret/data/payroll");
        payroll = "readable";
      } catch (VaultException denied) {
        payroll = "denied";
      }
      leases.requestRotatingSecret(ORDERS_DATABASE);
      leases.requestRenewableSecret(REPORTS_DATABASE);
      Map<String, Object> database = orderDatabase.get();
      return OrderDesk.lookUp(orderId, database.get("username"), database.get("password"))
          + " (region "
          + settings.get("region")
          + ", archive "
          + archive
          + ", payroll "
          + payroll
          + ")";
    }
  }

  private OrderDeskApp() {}

  public static void main(String[] args) throws Exception {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(2);
    scheduler.setDaemon(true);
    scheduler.afterPropertiesSet();

    VaultEndpoint endpoint = VaultEndpoint.from(URI.create(System.getProperty("app.vault.url")));
    RestTemplate rest =
        VaultClients.createRestTemplate(endpoint, new SimpleClientHttpRequestFactory());
    AppRoleAuthentication appRole =
        new AppRoleAuthentication(
            AppRoleAuthenticationOptions.builder()
                .roleId(RoleId.provided("orders-agent"))
                .secretId(SecretId.provided("s3cr3t-id"))
                .build(),
            rest);
    LifecycleAwareSessionManager session =
        new LifecycleAwareSessionManager(appRole, scheduler, rest);
    VaultTemplate vault =
        new VaultTemplate(endpoint, new SimpleClientHttpRequestFactory(), session);

    SecretLeaseContainer leases = new SecretLeaseContainer(vault, scheduler);
    leases.setMinRenewal(Duration.ofSeconds(1));
    leases.setExpiryThreshold(Duration.ofSeconds(2));
    leases.afterPropertiesSet();
    leases.start();

    OrderDesk.ask(new OrderTools(vault, leases));

    Thread.sleep(Long.getLong("app.linger.ms", 3000));
    leases.destroy();
    session.destroy();
    scheduler.shutdown();
  }
}
