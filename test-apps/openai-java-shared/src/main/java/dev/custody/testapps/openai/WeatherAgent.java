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
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers weather questions with the OpenAI Java SDK, running the tools the model asks for itself
 * and sending their results back until the model answers: blocking, asynchronous or streamed.
 * Compiled against each SDK version; what they spell differently comes from {@link FunctionTools}.
 */
final class WeatherAgent {

  static final String SYSTEM = "You are a weather desk. Use the tools before answering.";

  private final OpenAIClient client;
  private final OpenAIClientAsync asyncClient;
  private final WeatherTools tools;
  private final FunctionTools functions;

  WeatherAgent(
      OpenAIClient client,
      OpenAIClientAsync asyncClient,
      WeatherTools tools,
      FunctionTools functions) {
    this.client = client;
    this.asyncClient = asyncClient;
    this.tools = tools;
    this.functions = functions;
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
        params.addMessage(result(functions.read(call), strict));
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
              calls.forEach(call -> params.addMessage(result(functions.read(call), false)));
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
      calls.forEach(call -> params.addMessage(result(functions.read(call), false)));
    }
  }

  private ChatCompletionToolMessageParam result(FunctionTools.Call call, boolean strict) {
    String content;
    try {
      content = tools.run(call.name(), call.arguments());
    } catch (WeatherTools.ToolFailure failure) {
      if (strict) {
        throw failure;
      }
      content = "error: " + failure.getMessage();
    }
    return ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content(content).build();
  }

  private ChatCompletionCreateParams.Builder conversation(String question) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model("scripted-model")
            .addSystemMessage(SYSTEM)
            .addUserMessage(question);
    functions.add(params, function("get_weather", "The current weather in a city", "city"));
    functions.add(params, function("get_time", "The local time in a city", "city"));
    return params;
  }

  private static FunctionDefinition function(String name, String description, String parameter) {
    return FunctionDefinition.builder()
        .name(name)
        .description(description)
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of(parameter, Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of(parameter)))
                .build())
        .build();
  }
}
