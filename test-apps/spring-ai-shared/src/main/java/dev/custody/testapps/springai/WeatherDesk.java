package dev.custody.testapps.springai;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A weather and stocks desk on Spring AI, with no Custody code: a {@code ChatClient} with a system
 * prompt and {@link DeskTools}, asked once with {@code call()} and once with {@code stream()}, then
 * the plain model at {@code -Dit.plain-model.url} used directly; the model API key is {@code
 * $IT_MODEL_API_KEY}. With the argument {@code observed}, Spring AI traces itself through
 * micrometer-tracing's OpenTelemetry bridge, and only the two client calls run.
 */
public final class WeatherDesk {

  public static final String SYSTEM = "You are a weather and stocks desk. Use the tools.";
  public static final String CALL_REQUEST =
      "What is the weather in Paris, and the ACME share price?";
  public static final String STREAM_REQUEST =
      "Stream me the weather in Paris and the ACME share price.";
  public static final String CONVERSATION = "desk-conversation-7";

  /** How a Spring AI version builds its OpenAI chat model. */
  public interface ChatModels {
    ChatModel create(String baseUrl, ObservationRegistry registry);
  }

  private WeatherDesk() {}

  /** The model API key, from the environment as a deployment gives it. */
  public static String apiKey() {
    return System.getenv().getOrDefault("IT_MODEL_API_KEY", "test-key");
  }

  public static void run(String[] args, ChatModels models) {
    boolean observed = List.of(args).contains("observed");
    ObservationRegistry registry = observed ? SpringTracing.registry() : ObservationRegistry.NOOP;
    ChatClient client =
        ChatClient.create(models.create(System.getProperty("it.model.url"), registry), registry);

    String called =
        client
            .prompt()
            .system(SYSTEM)
            .user(CALL_REQUEST)
            .tools(new DeskTools())
            .advisors(advisor -> advisor.param(ChatMemory.CONVERSATION_ID, CONVERSATION))
            .call()
            .content();
    System.out.println("CALL: " + called);

    List<String> streamed =
        client.prompt().system(SYSTEM).user(STREAM_REQUEST).tools(new DeskTools()).stream()
            .content()
            .collectList()
            .block();
    System.out.println("STREAM: " + String.join("", streamed));

    if (!observed) {
      ChatModel plain = models.create(System.getProperty("it.plain-model.url"), registry);
      System.out.println(
          "MODEL: " + plain.call(new Prompt("Say hello.")).getResult().getOutput().getText());
    }
    System.exit(0);
  }
}
