package dev.custody.testapps.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A support desk on LangChain4j AI services, as a user of the framework writes it: no Custody code.
 * Each argument is one task, run in order: {@code sync} asks the blocking service, {@code
 * streaming} the one returning a {@code TokenStream}. Both have two tools: one looks the order up
 * in the order backend over HTTP, the other fails. The model is at {@code -Dapp.model.url} (API key
 * {@code $IT_MODEL_API_KEY}), the backend at {@code -Dapp.backend.url}; with {@code
 * -Dapp.tools.concurrent=true} LangChain4j runs the tools concurrently (1.4+), as the version's app
 * says. Prints {@code ANSWER <task>: <text>}.
 */
public final class SupportDesk {

  public static final String SYSTEM_MESSAGE =
      "You are a support agent. Look the order up before you refund it.";
  public static final String REQUEST = "Where is my order A-17? Please refund it.";

  public interface SupportAgent {
    @SystemMessage(SYSTEM_MESSAGE)
    String handle(@MemoryId String ticket, @UserMessage String request);
  }

  public interface StreamingSupportAgent {
    @SystemMessage(SYSTEM_MESSAGE)
    TokenStream handle(@MemoryId String ticket, @UserMessage String request);
  }

  public static final class OrderTools {
    private final HttpClient http = HttpClient.newHttpClient();

    @Tool("Looks an order up in the order backend")
    public String lookupOrder(String orderId) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(System.getProperty("app.backend.url") + "/orders/" + orderId))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Tool("Refunds an order")
    public String refundOrder(String orderId) {
      throw new IllegalStateException("refunds are closed");
    }
  }

  private SupportDesk() {}

  /** Runs the tasks; {@code concurrentTools} makes an AI service run its tools concurrently. */
  public static void run(String[] tasks, Consumer<AiServices<?>> concurrentTools) throws Exception {
    for (String task : tasks) {
      String answer =
          switch (task) {
            case "sync" -> syncAgent(concurrentTools).handle("ticket-sync", REQUEST);
            case "streaming" ->
                stream(streamingAgent(concurrentTools).handle("ticket-streaming", REQUEST));
            default -> throw new IllegalArgumentException("unknown task " + task);
          };
      System.out.println("ANSWER " + task + ": " + answer);
    }
  }

  private static SupportAgent syncAgent(Consumer<AiServices<?>> concurrentTools) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey(apiKey())
            .modelName("gpt-4o-mini")
            .temperature(0.2)
            .maxTokens(300)
            .build();
    return withTools(AiServices.builder(SupportAgent.class).chatModel(model), concurrentTools);
  }

  private static StreamingSupportAgent streamingAgent(Consumer<AiServices<?>> concurrentTools) {
    OpenAiStreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey(apiKey())
            .modelName("gpt-4o-mini")
            .temperature(0.2)
            .maxTokens(300)
            .build();
    return withTools(
        AiServices.builder(StreamingSupportAgent.class).streamingChatModel(model), concurrentTools);
  }

  /** The model API key, from the environment as a deployment gives it. */
  private static String apiKey() {
    return System.getenv().getOrDefault("IT_MODEL_API_KEY", "test-key");
  }

  private static <T> T withTools(AiServices<T> builder, Consumer<AiServices<?>> concurrentTools) {
    builder
        .chatMemoryProvider(ticket -> MessageWindowChatMemory.withMaxMessages(20))
        .tools(new OrderTools());
    if (Boolean.getBoolean("app.tools.concurrent")) {
      concurrentTools.accept(builder);
    }
    return builder.build();
  }

  private static String stream(TokenStream tokens) throws Exception {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    tokens
        .onPartialResponse(token -> {})
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    return done.get(60, TimeUnit.SECONDS).aiMessage().text();
  }
}
