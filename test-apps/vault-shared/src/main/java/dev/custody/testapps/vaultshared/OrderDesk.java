package dev.custody.testapps.vaultshared;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the Vault order desk apps share, whichever Vault client their tool uses: the LangChain4j
 * assistant (model at {@code -Dapp.model.url}) and the order backend (at {@code
 * -Dapp.backend.url}), which takes database credentials in basic auth.
 */
public final class OrderDesk {

  public interface OrderAssistant {
    @SystemMessage("You are an order desk assistant. Look orders up before answering.")
    String answer(String question);
  }

  private static final HttpClient http = HttpClient.newHttpClient();

  private OrderDesk() {}

  /**
   * Asks the assistant, with {@code tools}, where order A-17 is, and prints {@code ANSWER: <text>}.
   */
  public static void ask(Object tools) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .build();
    OrderAssistant assistant =
        AiServices.builder(OrderAssistant.class).chatModel(model).tools(tools).build();
    System.out.println("ANSWER: " + assistant.answer("Where is my order A-17?"));
  }

  /** Looks {@code orderId} up in the order backend with the database credentials. */
  public static String lookUp(String orderId, Object username, Object password) throws Exception {
    return get("/orders/" + orderId, username, password);
  }

  /** Reads {@code path} of the order backend with database credentials. */
  public static String get(String path, Object username, Object password) throws Exception {
    byte[] basic = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + path))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
