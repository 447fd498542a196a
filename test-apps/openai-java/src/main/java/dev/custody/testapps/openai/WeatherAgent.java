package dev.custody.testapps.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers weather questions with the OpenAI Java SDK, running the tools the model asks for itself
 * and sending their results back until the model answers: blocking, asynchronous or streamed.
 */
final class WeatherAgent {

  static final String SYSTEM = "You are a weather desk. Use the tools before answering.";

  private final OpenAIClient client;
  private final OpenAIClientAsync asyncClient;
  private final WeatherTools tools;

  WeatherAgent(OpenAIClient client, OpenAIClientAsync asyncClient, WeatherTools tools) {
    this.client = client;
    this.asyncClient = asyncClient;
    this.tools = tools;
  }

  /** A strict agent gives the task up when a tool fails; a lenient one tells the model. */
  String ask(String question, boolean strict) {
    ChatCompletionCreateParams.Builder params = conversation(question);
    while (true) {
      ChatCompletionMessage message =
          client.chat().completions().create(params.build()).choices().get(0).message();
      List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
      if (calls.isEmpty()) {
        return message.content().orElse("");
      }
      params.addMessage(message);
      for (ChatCompletionMessageToolCall call : calls) {
        params.addMessage(result(call.asFunction(), strict));
      }
    }
  }

  CompletableFuture<String> askAsync(String question) {
    return askAsync(conversation(question));
  }

  private CompletableFuture<String> askAsync(ChatCompletionCreateParams.Builder params) {
    return asyncClient
        .chat()
        .completions()
        .create(params.build())
        .thenCompose(
            completion -> {
              ChatCompletionMessage message = completion.choices().get(0).message();
              List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
              if (calls.isEmpty()) {
                return CompletableFuture.completedFuture(message.content().orElse(""));
              }
              params.addMessage(message);
              calls.forEach(call -> params.addMessage(result(call.asFunction(), false)));
              return askAsync(params);
            });
  }

  String askStreamed(String question) {
    ChatCompletionCreateParams.Builder params = conversation(question);
    while (true) {
      ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
      try (StreamResponse<ChatCompletionChunk> stream =
          client.chat().completions().createStreaming(params.build())) {
        stream.stream().forEach(accumulator::accumulate);
      }
      ChatCompletion completion = accumulator.chatCompletion();
      ChatCompletionMessage message = completion.choices().get(0).message();
      List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElse(List.of());
      if (calls.isEmpty()) {
        return message.content().orElse("");
      }
      params.addMessage(message);
      calls.forEach(call -> params.addMessage(result(call.asFunction(), false)));
    }
  }

  private ChatCompletionToolMessageParam result(
      ChatCompletionMessageFunctionToolCall call, boolean strict) {
    String content;
    try {
      content = tools.run(call.function().name(), call.function().arguments());
    } catch (WeatherTools.ToolFailure failure) {
      if (strict) {
        throw failure;
      }
      content = "error: " + failure.getMessage();
    }
    return ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(content).build();
  }

  private static ChatCompletionCreateParams.Builder conversation(String question) {
    return ChatCompletionCreateParams.builder()
        .model("scripted-model")
        .addSystemMessage(SYSTEM)
        .addUserMessage(question)
        .addTool(tool("get_weather", "The current weather in a city", "city"))
        .addTool(tool("get_time", "The local time in a city", "city"));
  }

  private static ChatCompletionFunctionTool tool(
      String name, String description, String parameter) {
    return ChatCompletionFunctionTool.builder()
        .function(
            FunctionDefinition.builder()
                .name(name)
                .description(description)
                .parameters(
                    FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty(
                            "properties",
                            JsonValue.from(Map.of(parameter, Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of(parameter)))
                        .build())
                .build())
        .build();
  }
}
