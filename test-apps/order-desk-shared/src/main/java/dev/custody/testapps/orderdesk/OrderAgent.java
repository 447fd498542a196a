package dev.custody.testapps.orderdesk;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The order desk's LangChain4j AI service, which the web apps serve (no Custody code): a model at
 * {@code -Dit.model.url} (API key {@code $IT_MODEL_API_KEY}) and one tool that looks the order up
 * in the order backend at {@code -Dit.backend.url}.
 */
public final class OrderAgent {

  public interface OrderAssistant {
    @SystemMessage("You are an order desk assistant. Look orders up before answering.")
    String chat(String request);
  }

  public static final class OrderTools {
    private final HttpClient http = HttpClient.newHttpClient();

    @Tool("Looks an order up in the order backend")
    public String lookupOrder(String orderId) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(System.getProperty("it.backend.url") + "/orders/" + orderId))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private OrderAgent() {}

  public static OrderAssistant assistant() {
    return assistant(new OrderTools());
  }

  /** The assistant with these tools instead of {@link OrderTools}. */
  public static OrderAssistant assistant(Object tools) {
    return AiServices.builder(OrderAssistant.class)
        .chatModel(
            OpenAiChatModel.builder()
                .baseUrl(System.getProperty("it.model.url"))
                .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "test-key"))
                .modelName("scripted-model")
                .build())
        .tools(tools)
        .build();
  }
}
