package dev.custody.testapps.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.helpers.BetaToolRunner;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers weather questions with the Anthropic Java SDK: either running the tools the model asks
 * for itself and sending their results back until the model answers (blocking or asynchronous), or
 * leaving that to the SDK's tool runner. Compiled against each SDK version; what they spell
 * differently comes from {@link AnthropicSdk}.
 */
final class WeatherAgent {

  static final String SYSTEM = "You are a weather desk. Use the tools before answering.";
  private static final HttpClient http = HttpClient.newHttpClient();

  private final AnthropicClient client;
  private final AnthropicSdk sdk;

  WeatherAgent(AnthropicClient client, AnthropicSdk sdk) {
    this.client = client;
    this.sdk = sdk;
  }

  String ask(String question) {
    MessageCreateParams.Builder params = conversation(question);
    while (true) {
      Message message = client.messages().create(params.build());
      List<ToolUseBlock> uses = toolUses(message);
      if (uses.isEmpty()) {
        return text(message);
      }
      params.addMessage(message);
      sdk.addToolResults(params, results(uses));
    }
  }

  CompletableFuture<String> askAsync(String question) {
    return askAsync(conversation(question));
  }

  private CompletableFuture<String> askAsync(MessageCreateParams.Builder params) {
    return client
        .async()
        .messages()
        .create(params.build())
        .thenCompose(
            message -> {
              List<ToolUseBlock> uses = toolUses(message);
              if (uses.isEmpty()) {
                return CompletableFuture.completedFuture(text(message));
              }
              params.addMessage(message);
              sdk.addToolResults(params, results(uses));
              return askAsync(params);
            });
  }

  /** The SDK runs the tools and loops itself. */
  String askTheToolRunner(String question) {
    BetaToolRunner runner =
        client
            .beta()
            .messages()
            .toolRunner(
                sdk.toolRunner(
                    com.anthropic.models.beta.messages.MessageCreateParams.builder()
                        .model("scripted-model")
                        .maxTokens(1024)
                        .system(SYSTEM)
                        .addUserMessage(question)
                        .addTool(GetWeather.class)
                        .addTool(GetTime.class)
                        .build()));
    String answer = "";
    for (BetaMessage message : runner) {
      answer =
          message.content().stream()
              .flatMap(block -> block.text().stream())
              .map(text -> text.text())
              .reduce("", String::concat);
    }
    return answer;
  }

  @JsonClassDescription("The current weather in a city")
  public static final class GetWeather implements Supplier<String> {
    public String city;

    @Override
    public String get() {
      return weather();
    }
  }

  @JsonClassDescription("The local time in a city")
  public static final class GetTime implements Supplier<String> {
    public String city;

    @Override
    public String get() {
      return "error: the time service is unavailable";
    }
  }

  /** Runs each tool call; the clock is broken, which the model is told. */
  private static List<ContentBlockParam> results(List<ToolUseBlock> uses) {
    List<ContentBlockParam> results = new ArrayList<>();
    for (ToolUseBlock use : uses) {
      boolean weather = use.name().equals("get_weather");
      results.add(
          ContentBlockParam.ofToolResult(
              ToolResultBlockParam.builder()
                  .toolUseId(use.id())
                  .content(weather ? weather() : "the time service is unavailable")
                  .isError(!weather)
                  .build()));
    }
    return results;
  }

  private static String weather() {
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

  private static List<ToolUseBlock> toolUses(Message message) {
    List<ToolUseBlock> uses = new ArrayList<>();
    for (ContentBlock block : message.content()) {
      block.toolUse().ifPresent(uses::add);
    }
    return uses;
  }

  private static String text(Message message) {
    return message.content().stream()
        .flatMap(block -> block.text().stream())
        .map(text -> text.text())
        .reduce("", String::concat);
  }

  private static MessageCreateParams.Builder conversation(String question) {
    return MessageCreateParams.builder()
        .model("scripted-model")
        .maxTokens(1024)
        .system(SYSTEM)
        .addUserMessage(question)
        .addTool(tool("get_weather", "The current weather in a city"))
        .addTool(tool("get_time", "The local time in a city"));
  }

  private static Tool tool(String name, String description) {
    return Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(
            Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .addRequired("city")
                .build())
        .build();
  }
}
