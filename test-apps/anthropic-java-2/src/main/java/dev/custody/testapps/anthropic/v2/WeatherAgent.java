package dev.custody.testapps.anthropic.v2;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A weather assistant on the Anthropic Java SDK 2.x, with no Custody code: for each argument,
 * {@code mode=question} with mode {@code blocking} or {@code async}, it runs the tools the model
 * asks for itself (the weather from {@code -Dit.backend.url}; the clock is broken, which it tells
 * the model) and sends their results back until the model answers. The model is at {@code
 * -Dit.model.url}, with the API key {@code IT_MODEL_API_KEY}.
 */
public final class WeatherAgent {

  private final AnthropicClient client =
      AnthropicOkHttpClient.builder()
          .baseUrl(System.getProperty("it.model.url"))
          .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "sk-ant-test"))
          .maxRetries(0)
          .build();
  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] tasks) {
    WeatherAgent agent = new WeatherAgent();
    for (String task : tasks) {
      String mode = task.substring(0, task.indexOf('='));
      String question = task.substring(task.indexOf('=') + 1);
      MessageCreateParams.Builder conversation = conversation(question);
      String answer =
          mode.equals("async") ? agent.askAsync(conversation).join() : agent.ask(conversation);
      System.out.println("ANSWER " + mode + ": " + answer);
    }
    System.exit(0);
  }

  String ask(MessageCreateParams.Builder params) {
    Message message = client.messages().create(params.build());
    return answered(message, params) ? text(message) : ask(params);
  }

  CompletableFuture<String> askAsync(MessageCreateParams.Builder params) {
    return client
        .async()
        .messages()
        .create(params.build())
        .thenCompose(
            message ->
                answered(message, params)
                    ? CompletableFuture.completedFuture(text(message))
                    : askAsync(params));
  }

  /**
   * True when the model answered; else runs the tools it asked for and adds their results to the
   * conversation.
   */
  private boolean answered(Message message, MessageCreateParams.Builder params) {
    List<ContentBlockParam> results = new ArrayList<>();
    for (ContentBlock block : message.content()) {
      block
          .toolUse()
          .ifPresent(
              use ->
                  results.add(
                      ContentBlockParam.ofToolResult(
                          ToolResultBlockParam.builder()
                              .toolUseId(use.id())
                              .content(
                                  use.name().equals("get_weather")
                                      ? weather()
                                      : "the time service is unavailable")
                              .build())));
    }
    if (results.isEmpty()) {
      return true;
    }
    params.addMessage(message);
    params.addUserMessageOfBlockParams(results);
    return false;
  }

  private String weather() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(System.getProperty("it.backend.url") + "/weather/Paris"))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException("the weather backend failed", e);
    }
  }

  private static String text(Message message) {
    StringBuilder text = new StringBuilder();
    message.content().forEach(block -> block.text().ifPresent(part -> text.append(part.text())));
    return text.toString();
  }

  private static MessageCreateParams.Builder conversation(String question) {
    MessageCreateParams.Builder params =
        MessageCreateParams.builder()
            .model("scripted-model")
            .maxTokens(1024)
            .system("You are a weather desk. Use the tools before answering.")
            .addUserMessage(question);
    for (String name : List.of("get_weather", "get_time")) {
      params.addTool(
          Tool.builder()
              .name(name)
              .inputSchema(
                  Tool.InputSchema.builder()
                      .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                      .build())
              .build());
    }
    return params;
  }
}
