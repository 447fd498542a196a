package dev.custody.instrumentation.anthropic;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.core.cases.ToolLoopRequest;
import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.ModelRequest;
import dev.custody.core.genai.ModelResponse;
import dev.custody.instrumentation.jackson.MessageText;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages API requests and answers read as their JSON, which every anthropic-java version writes
 * alike; its model classes do not (3.0 renamed a message's content type).
 */
final class MessagesJson {

  private MessagesJson() {}

  static JsonNode body(MessageCreateParams params) {
    return ObjectMappers.jsonMapper().valueToTree(params._body());
  }

  /** A {@code Message} or {@code BetaMessage}. */
  static JsonNode message(Object message) {
    return ObjectMappers.jsonMapper().valueToTree(message);
  }

  /**
   * The tool results the request sends back, its last user message with text and its system prompt.
   */
  static ToolLoopRequest toolLoopRequest(JsonNode body) {
    List<String> answered = new ArrayList<>();
    String prompt = null;
    for (JsonNode message : body.path("messages")) {
      if (message.path("role").asText().equals("user")) {
        String text = MessageText.of(message.path("content"));
        prompt = text != null ? text : prompt;
        for (JsonNode block : message.path("content")) {
          if (block.path("type").asText().equals("tool_result")) {
            answered.add(block.path("tool_use_id").asText(""));
          }
        }
      }
    }
    return new ToolLoopRequest(answered, prompt, MessageText.of(body.path("system")));
  }

  static ModelRequest modelRequest(JsonNode body) {
    List<GenAiMessage> messages = new ArrayList<>();
    String system = MessageText.of(body.path("system"));
    if (system != null) {
      messages.add(new GenAiMessage("system", List.of(GenAiMessage.Part.text(system))));
    }
    for (JsonNode message : body.path("messages")) {
      messages.add(new GenAiMessage(message.path("role").asText(), parts(message.path("content"))));
    }
    return new ModelRequest(
        "anthropic",
        body.path("model").asText(null),
        body.hasNonNull("temperature") ? body.get("temperature").asDouble() : null,
        body.hasNonNull("max_tokens") ? body.get("max_tokens").asLong() : null,
        body.hasNonNull("top_p") ? body.get("top_p").asDouble() : null,
        messages);
  }

  static ModelResponse modelResponse(JsonNode message) {
    String stopReason = message.path("stop_reason").asText(null);
    JsonNode usage = message.path("usage");
    return new ModelResponse(
        message.path("id").asText(null),
        message.path("model").asText(null),
        stopReason == null ? List.of() : List.of(stopReason),
        usage.hasNonNull("input_tokens") ? usage.get("input_tokens").asLong() : null,
        usage.hasNonNull("output_tokens") ? usage.get("output_tokens").asLong() : null,
        List.of(new GenAiMessage("assistant", parts(message.path("content")), stopReason)));
  }

  /** The {@code tool_use} blocks of an answer. */
  static List<GenAiMessage.Part> requestedToolCalls(JsonNode message) {
    return parts(message.path("content")).stream()
        .filter(part -> part.type().equals("tool_call"))
        .toList();
  }

  /** Content as parts: a string is one text part; blocks are text, tool calls and tool results. */
  private static List<GenAiMessage.Part> parts(JsonNode content) {
    if (content.isTextual()) {
      return List.of(GenAiMessage.Part.text(content.asText()));
    }
    List<GenAiMessage.Part> parts = new ArrayList<>();
    for (JsonNode block : content) {
      switch (block.path("type").asText()) {
        case "text" -> parts.add(GenAiMessage.Part.text(block.path("text").asText()));
        case "tool_use" ->
            parts.add(
                GenAiMessage.Part.toolCall(
                    block.path("id").asText(null),
                    block.path("name").asText(null),
                    block.path("input").toString()));
        case "tool_result" ->
            parts.add(
                GenAiMessage.Part.toolCallResponse(
                    block.path("tool_use_id").asText(null), MessageText.of(block.path("content"))));
        default -> {}
      }
    }
    return parts;
  }
}
