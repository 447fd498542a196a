package dev.custody.testapps.canary;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inventory agent that handles secrets as careless but ordinary services do, with no Custody
 * code. At start-up it reads the inventory API key from Vault ({@code secret/inventory}); then it
 * runs the tasks in {@code APP_TASK_1}, {@code APP_TASK_2}... (from the environment: users send
 * tasks, they are not on the command line). Its {@code checkInventory} tool fetches the staging key
 * ({@code secret/inventory-staging}), calls the inventory backend with the key in its query
 * (URL-encoded, hex and base64) and headers ({@code X-Api-Key}, basic credentials, and a {@code
 * X-Inventory-Note} header the operator captures), writes the note it was given on its own span (an
 * event and an attribute, through the OpenTelemetry API), logs it through Logback and JUL (JBoss
 * LogManager's, when {@code -Djava.util.logging.manager} names it), and returns it; its {@code
 * auditInventory} tool fails with the note in its message. Vault is at {@code -Dapp.vault.url}, the
 * model at {@code -Dapp.model.url} (API key from {@code IT_MODEL_API_KEY}), the backend at {@code
 * -Dapp.backend.url}.
 */
public final class CanaryDeskApp {

  public interface InventoryAssistant {
    @SystemMessage("You are an inventory assistant. Check the inventory before answering.")
    String answer(String question);
  }

  /** The assistant's tools. */
  public static final class InventoryTools {
    private static final Logger log = LoggerFactory.getLogger(InventoryTools.class);
    private static final org.apache.logging.log4j.Logger log4j =
        org.apache.logging.log4j.LogManager.getLogger("inventory.count");
    private static final java.util.logging.Logger jul =
        java.util.logging.Logger.getLogger("inventory.audit");

    private final Vault vault;
    private final String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    InventoryTools(Vault vault, String apiKey) {
      this.vault = vault;
      this.apiKey = apiKey;
    }

    @Tool("Checks the stock of the inventory; note is free text for the audit log")
    public String checkInventory(String note) throws Exception {
      String stagingKey = vault.logical().read("secret/inventory-staging").getData().get("api_key");
      byte[] key = apiKey.getBytes(StandardCharsets.UTF_8);
      String basic =
          Base64.getEncoder()
              .encodeToString(("inventory:" + apiKey).getBytes(StandardCharsets.UTF_8));
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      System.getProperty("app.backend.url")
                          + "/inventory?key="
                          + URLEncoder.encode(apiKey, StandardCharsets.UTF_8)
                          + "&h="
                          + HexFormat.of().formatHex(key)
                          + "&b="
                          + Base64.getUrlEncoder().withoutPadding().encodeToString(key)))
              .header("X-Api-Key", apiKey)
              .header("X-Staging-Key", stagingKey)
              .header("Authorization", "Basic " + basic)
              .header("X-Inventory-Note", note)
              .build();
      String stock = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      Span.current()
          .addEvent("inventory.checked", Attributes.of(AttributeKey.stringKey("app.note"), note));
      Span.current().setAttribute("app.inventory.note", note);
      log.info("inventory checked: {}", note);
      jul.info("inventory audit note: " + note);
      log4j.info("inventory counted");
      return stock + "; " + note;
    }

    @Tool("Audits the inventory")
    public String auditInventory(String sku) {
      IllegalStateException failure =
          new IllegalStateException("audit of " + sku + " failed with key " + apiKey);
      log.warn("inventory audit failed", failure);
      throw failure;
    }
  }

  private CanaryDeskApp() {}

  public static void main(String[] args) throws Exception {
    Vault anonymous =
        Vault.create(
            new VaultConfig()
                .address(System.getProperty("app.vault.url"))
                .engineVersion(2)
                .build());
    String token =
        anonymous.auth().loginByAppRole("inventory-agent", "s3cr3t-id").getAuthClientToken();
    Vault vault =
        Vault.create(
            new VaultConfig()
                .address(System.getProperty("app.vault.url"))
                .engineVersion(2)
                .token(token)
                .build());
    String apiKey = vault.logical().read("secret/inventory").getData().get("api_key");

    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey(System.getenv("IT_MODEL_API_KEY"))
            .modelName("gpt-4o-mini")
            .build();
    InventoryAssistant assistant =
        AiServices.builder(InventoryAssistant.class)
            .chatModel(model)
            .tools(new InventoryTools(vault, apiKey))
            .build();
    LoggerFactory.getLogger(CanaryDeskApp.class).info("desk ready"); // out of any case
    org.apache.logging.log4j.LogManager.getLogger("desk").info("desk ready (log4j)");
    java.util.logging.Logger.getLogger("desk").info("desk ready (jul)");
    for (int n = 1; System.getenv("APP_TASK_" + n) != null; n++) {
      System.out.println("ANSWER: " + assistant.answer(System.getenv("APP_TASK_" + n)));
    }
  }
}
