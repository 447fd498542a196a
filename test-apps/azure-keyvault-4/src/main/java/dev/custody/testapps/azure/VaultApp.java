package dev.custody.testapps.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Context;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretAsyncClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An application that reads its secrets from Azure Key Vault as the SDK documents it, with no
 * Custody code. Each argument is a task, run in order: {@code sync} (a client-secret credential;
 * two reads of {@code db-password}, the second on the cached token, then {@code api-key} at the
 * version {@code -Dapp.api-key.version}), {@code async} (the asynchronous client), {@code missing}
 * (a secret the vault lacks), {@code denied} (a client the identity provider rejects), {@code
 * managed-identity} (two clients on one managed identity: the second gets the token from MSAL's
 * cache) and {@code agent} (a LangChain4j agent whose tool reads the order backend's API key from
 * the vault and calls the backend with it). The vault, also the authority host, is at {@code
 * -Dapp.vault.url}; the client secret is in {@code APP_CLIENT_SECRET}; the managed identity
 * endpoint in {@code IDENTITY_ENDPOINT}; the model at {@code -Dapp.model.url}, the backend at
 * {@code -Dapp.backend.url}.
 */
public final class VaultApp {

  static final String TENANT = "tenant-123";
  static final String CLIENT = "client-abc";

  public interface OpsAgent {
    @SystemMessage("You are an operations agent. Check the orders before answering.")
    String handle(String request);
  }

  public static final class OrderTools {
    @Tool("Checks the open orders in the order backend")
    public String checkOrders() throws Exception {
      // the tool signs in when first used, as a lazily built client does
      String apiKey = client(clientSecretCredential(CLIENT)).getSecret("orders-api-key").getValue();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + "/orders/open"))
              .header("Authorization", "Bearer " + apiKey)
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private VaultApp() {}

  public static void main(String[] tasks) throws Exception {
    for (String task : tasks) {
      try {
        run(task);
      } catch (RuntimeException e) {
        System.out.println("FAILED " + task + ": " + e.getClass().getName());
      }
    }
  }

  private static void run(String task) throws Exception {
    switch (task) {
      case "sync" -> {
        SecretClient client = client(clientSecretCredential(CLIENT));
        print(task, client.getSecret("db-password"));
        print(task, client.getSecret("db-password"));
        String version = System.getProperty("app.api-key.version");
        print(task, client.getSecretWithResponse("api-key", version, Context.NONE).getValue());
      }
      case "async" -> {
        SecretAsyncClient client = builder(clientSecretCredential(CLIENT)).buildAsyncClient();
        print(task, client.getSecret("async-key").block());
      }
      case "missing" -> client(clientSecretCredential(CLIENT)).getSecret("missing");
      case "denied" -> client(clientSecretCredential("client-denied")).getSecret("db-password");
      case "managed-identity" -> {
        TokenCredential identity = new ManagedIdentityCredentialBuilder().build();
        print(task, client(identity).getSecret("mi-secret"));
        print(task, client(identity).getSecret("mi-secret"));
      }
      case "agent" -> {
        OpenAiChatModel model =
            OpenAiChatModel.builder()
                .baseUrl(System.getProperty("app.model.url"))
                .apiKey("test-key")
                .modelName("gpt-4o-mini")
                .build();
        OpsAgent agent =
            AiServices.builder(OpsAgent.class).chatModel(model).tools(new OrderTools()).build();
        System.out.println("ANSWER agent: " + agent.handle("Are any orders stuck?"));
      }
      default -> throw new IllegalArgumentException("unknown task " + task);
    }
  }

  private static TokenCredential clientSecretCredential(String clientId) {
    return new ClientSecretCredentialBuilder()
        .tenantId(TENANT)
        .clientId(clientId)
        .clientSecret(System.getenv("APP_CLIENT_SECRET"))
        .authorityHost(System.getProperty("app.vault.url"))
        .disableInstanceDiscovery()
        .build();
  }

  private static SecretClient client(TokenCredential credential) {
    return builder(credential).buildClient();
  }

  private static SecretClientBuilder builder(TokenCredential credential) {
    // the local vault's host is not under vault.azure.net, which the challenge's resource names
    return new SecretClientBuilder()
        .vaultUrl(System.getProperty("app.vault.url"))
        .credential(credential)
        .disableChallengeResourceVerification();
  }

  private static void print(String task, KeyVaultSecret secret) {
    System.out.println(
        "SECRET " + task + " " + secret.getName() + ": " + secret.getProperties().getId());
  }
}
