package dev.custody.testapps.openai.v1;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A weather assistant on the OpenAI Java SDK 1.x, with no Custody code: it asks the question given
 * as the argument, runs the tools the model asks for itself (the weather from {@code
 * -Dit.backend.url}; the clock is broken, which it tells the model) and sends their results back
 * until the model answers. The model is at {@code -Dit.model.url}, with the API key {@code
 * IT_MODEL_API_KEY}.
 */
public final class WeatherAgent {

  private final OpenAIClient client =
      OpenAIOkHttpClient.builder()
          .baseUrl(System.getProperty("it.model.url"))
          .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "sk-test"))
          .maxRetries(0)
          .build();
  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    System.out.println("ANSWER blocking: " + new WeatherAgent().ask(args[0]));
    System.exit(0);
  }

  String ask(String question) throws Exception {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model("scripted-model")
            .addSystemMessage("You are a weather desk. Use the tools before answering.")
            .addUserMessage(question)
            .addTool(tool("get_weather", "The current weather in a city"))
            .addTool(tool("get_time", "The local time in a city"));
    while (true) {
      ChatCompletionMessage message =
          client.chat().completions().create(params.build()).choices().get(0).message();
      List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
      if (calls.isEmpty()) {
        return message.content().orElse("");
      }
      params.addMessage(message);
      for (ChatCompletionMessageToolCall call : calls) {
        String result = run(call.function().name());
        params.addMessage(
            ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(result).build());
      }
    }
  }

  private String run(String tool) throws Exception {
    if (tool.equals("get_weather")) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(System.getProperty("it.backend.url") + "/weather/Paris"))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
    return "error: the time service is unavailable";
  }

  private static ChatCompletionTool tool(String name, String description) {
    return ChatCompletionTool.builder()
        .function(
            FunctionDefinition.builder()
                .name(name)
                .description(description)
                .parameters(
                    FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty(
                            "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build())
        .build();
  }
}
