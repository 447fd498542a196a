package dev.custody.instrumentation.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.custody.core.cases.ToolLoopRequest;
import dev.custody.core.genai.GenAiMessage;
import dev.custody.instrumentation.jackson.MessageText;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat completion requests and answers read as their JSON, which every openai-java version writes
 * alike; its model classes do not (3.0 made a tool call a union of function and custom calls).
 */
final class ChatCompletionsJson {

  private ChatCompletionsJson() {}

  /**
   * The tool results the request sends back, its last user message and its system (or developer)
   * message.
   */
  static ToolLoopRequest toolLoopRequest(ChatCompletionCreateParams params) {
    List<String> answered = new ArrayList<>();
    String prompt = null;
    String system = null;
    for (JsonNode message :
        ObjectMappers.jsonMapper().valueToTree(params._body()).path("messages")) {
      switch (message.path("role").asText()) {
        case "tool" -> answered.add(message.path("tool_call_id").asText(""));
        case "user" -> prompt = MessageText.of(message.path("content"));
        case "system", "developer" ->
            system = system == null ? MessageText.of(message.path("content")) : system;
        default -> {}
      }
    }
    return new ToolLoopRequest(answered, prompt, system);
  }

  /**
   * The tool calls a {@code ChatCompletion} asks for, function and custom ones, in order; none if
   * unreadable.
   */
  static List<GenAiMessage.Part> requestedToolCalls(Object completion) {
    try {
      return toolCalls(ObjectMappers.jsonMapper().valueToTree(completion));
    } catch (RuntimeException | LinkageError e) {
      return List.of();
    }
  }

  private static List<GenAiMessage.Part> toolCalls(JsonNode completion) {
    List<GenAiMessage.Part> calls = new ArrayList<>();
    for (JsonNode choice : completion.path("choices")) {
      for (JsonNode call : choice.path("message").path("tool_calls")) {
        JsonNode tool = call.has("function") ? call.path("function") : call.path("custom");
        calls.add(
            GenAiMessage.Part.toolCall(
                call.path("id").asText(null),
                tool.path("name").asText(null),
                tool.has("arguments")
                    ? tool.path("arguments").asText()
                    : tool.path("input").asText(null)));
      }
    }
    return calls;
  }
}
