package dev.custody.testapps.springvault;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * An order desk agent on LangChain4j whose tool gets what it needs from HashiCorp Vault with Spring Vault, as a user
 * of both writes it: no Custody code. The Vault session logs in with AppRole when first used; a lease container with
 * short renewal windows keeps database credentials. The tool reads the orders API settings (KV version 2) and the
 * order archive settings, which do not exist yet, tries the payroll secret its policy denies, asks the container for
 * the order database's credentials (rotated when their lease cannot be renewed any more) and the reports database's
 * (renewed until they run out), and calls the order backend with the current order credentials (basic auth). After
 * the task the app runs {@code -Dapp.linger.ms} (3000 unless set) while the container rotates and renews, then shuts
 * down: the container revokes the leases it holds, the session manager its token. Vault is at {@code
 * -Dapp.vault.url}, the model at {@code -Dapp.model.url}, the backend at {@code -Dapp.backend.url}. Prints {@code
 * ANSWER: <text>}.
 */
public final class OrderDeskApp {

  static final String ORDERS_DATABASE = "database/creds/orders-rotating";
  static final String REPORTS_DATABASE = "database/creds/reports";

  public interface OrderAssistant {
    @SystemMessage("You are an order desk assistant. Look orders up before answering.")
    String answer(String question);
  }

  /** The desk's tools, and the order database credentials the container hands it, the current ones after rotations. */
  public static final class OrderTools {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Map<String, Object>> orderDatabase = new AtomicReference<>();
    private final VaultTemplate vault;
    private final SecretLeaseContainer leases;

    OrderTools(VaultTemplate vault, SecretLeaseContainer leases) {
      this.vault = vault;
      this.leases = leases;
      leases.addLeaseListener(event -> {
        if (event instanceof SecretLeaseCreatedEvent created && event.getSource().getPath().equals(ORDERS_DATABASE)) {
          orderDatabase.set(created.getSecrets());
        }
      });
    }

    @Tool("Looks an order up in the order database")
    public String lookupOrder(String orderId) throws Exception {
      Map<?, ?> settings = (Map<?, ?>) vault.read("secret/data/orders-api").getRequiredData().get("data");
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
      return lookUp(orderId, orderDatabase.get())
          + " (region " + settings.get("region") + ", archive " + archive + ", payroll " + payroll + ")";
    }

    private String lookUp(String orderId, Map<String, Object> credentials) throws Exception {
      String basic = credentials.get("username") + ":" + credentials.get("password");
      String encoded = Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + "/orders/" + orderId))
              .header("Authorization", "Basic " + encoded)
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private OrderDeskApp() {}

  public static void main(String[] args) throws Exception {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(2);
    scheduler.setDaemon(true);
    scheduler.afterPropertiesSet();

    VaultEndpoint endpoint = VaultEndpoint.from(URI.create(System.getProperty("app.vault.url")));
    RestTemplate rest = VaultClients.createRestTemplate(endpoint, new SimpleClientHttpRequestFactory());
    AppRoleAuthentication appRole =
        new AppRoleAuthentication(
            AppRoleAuthenticationOptions.builder()
                .roleId(RoleId.provided("orders-agent"))
                .secretId(SecretId.provided("s3cr3t-id"))
                .build(),
            rest);
    LifecycleAwareSessionManager session = new LifecycleAwareSessionManager(appRole, scheduler, rest);
    VaultTemplate vault = new VaultTemplate(endpoint, new SimpleClientHttpRequestFactory(), session);

    SecretLeaseContainer leases = new SecretLeaseContainer(vault, scheduler);
    leases.setMinRenewal(Duration.ofSeconds(1));
    leases.setExpiryThreshold(Duration.ofSeconds(2));
    leases.afterPropertiesSet();
    leases.start();

    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .build();
    OrderAssistant assistant =
        AiServices.builder(OrderAssistant.class).chatModel(model).tools(new OrderTools(vault, leases)).build();
    System.out.println("ANSWER: " + assistant.answer("Where is my order A-17?"));

    Thread.sleep(Long.getLong("app.linger.ms", 3000));
    leases.destroy();
    session.destroy();
    scheduler.shutdown();
  }
}
