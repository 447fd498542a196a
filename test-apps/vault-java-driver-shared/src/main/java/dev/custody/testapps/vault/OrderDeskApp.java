package dev.custody.testapps.vault;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.database.DatabaseCredential;
import io.github.jopenlibs.vault.response.DatabaseResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An order desk agent on LangChain4j whose tool gets what it needs from HashiCorp Vault with vault-java-driver, as a
 * user of both writes it: no Custody code. The tool logs in with AppRole, reads the orders API settings (KV version
 * 2), obtains order and reports database credentials and calls the order backend with the order ones (basic auth),
 * tries the payroll secret its policy denies (Vault answers 403, which the driver returns), and revokes its database
 * leases when done: the order lease by its id, the reports leases by their prefix. After the task the app revokes its
 * own token. Vault is at {@code -Dapp.vault.url}, the model at {@code -Dapp.model.url}, the
 * backend at {@code -Dapp.backend.url}. Prints {@code ANSWER: <text>}.
 */
public final class OrderDeskApp {

  public interface OrderAssistant {
    @SystemMessage("You are an order desk assistant. Look orders up before answering.")
    String answer(String question);
  }

  /** The desk's tools, holding the Vault token its login obtained. */
  public static final class OrderTools {
    private final HttpClient http = HttpClient.newHttpClient();
    String token;

    @Tool("Looks an order up in the order database")
    public String lookupOrder(String orderId) throws Exception {
      Vault anonymous = VaultClients.connect(config(null));
      token = anonymous.auth().loginByAppRole("orders-agent", "s3cr3t-id").getAuthClientToken();
      Vault vault = VaultClients.connect(config(token));
      String region = vault.logical().read("secret/orders-api").getData().get("region");
      DatabaseResponse orders = vault.database().creds("orders");
      vault.database().creds("reports");
      DatabaseCredential credential = orders.getCredential();
      int payroll = vault.logical().read("secret/payroll").getRestResponse().getStatus();
      String order = lookUp(orderId, credential.getUsername(), credential.getPassword());
      vault.leases().revoke(orders.getLeaseId());
      vault.leases().revokePrefix("database/creds/reports");
      return order + " (region " + region + ", payroll " + payroll + ")";
    }

    private String lookUp(String orderId, String username, String password) throws Exception {
      String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + "/orders/" + orderId))
              .header("Authorization", "Basic " + basic)
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private OrderDeskApp() {}

  public static void main(String[] args) throws Exception {
    OrderTools tools = new OrderTools();
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .build();
    OrderAssistant assistant = AiServices.builder(OrderAssistant.class).chatModel(model).tools(tools).build();
    System.out.println("ANSWER: " + assistant.answer("Where is my order A-17?"));
    VaultClients.connect(config(tools.token)).auth().revokeSelf();
  }

  static VaultConfig config(String token) throws VaultException {
    VaultConfig config = new VaultConfig().address(System.getProperty("app.vault.url")).engineVersion(2);
    return (token == null ? config : config.token(token)).build();
  }
}
