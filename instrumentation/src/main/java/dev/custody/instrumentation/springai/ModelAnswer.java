package dev.custody.instrumentation.springai;

import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.ModelResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * A round's answer, from one {@code ChatResponse} or gathered from the chunks of a streamed one.
 */
final class ModelAnswer {

  private final StringBuilder text = new StringBuilder();
  private final List<GenAiMessage.Part> toolCalls = new ArrayList<>();
  private String id;
  private String model;
  private String finishReason;
  private Integer inputTokens;
  private Integer outputTokens;

  static ModelAnswer of(ChatResponse response) {
    ModelAnswer answer = new ModelAnswer();
    answer.add(response);
    return answer;
  }

  /**
   * Adds a response, or the next chunk of a streamed one: text and tool calls add up, the rest is
   * the latest.
   */
  void add(ChatResponse response) {
    if (response == null) {
      return;
    }
    ChatResponseMetadata metadata = response.getMetadata();
    if (metadata != null) {
      id = nonBlank(metadata.getId(), id);
      model = nonBlank(metadata.getModel(), model);
      Usage usage = metadata.getUsage();
      if (usage != null) {
        inputTokens = positive(usage.getPromptTokens()) ? usage.getPromptTokens() : inputTokens;
        outputTokens =
            positive(usage.getCompletionTokens()) ? usage.getCompletionTokens() : outputTokens;
      }
    }
    for (Generation generation : response.getResults()) {
      AssistantMessage output = generation.getOutput();
      if (output != null) {
        text.append(output.getText() == null ? "" : output.getText());
        for (AssistantMessage.ToolCall call : output.getToolCalls()) {
          toolCalls.add(GenAiMessage.Part.toolCall(call.id(), call.name(), call.arguments()));
        }
      }
      ChatGenerationMetadata generationMetadata = generation.getMetadata();
      if (generationMetadata != null) {
        // Spring AI hands out provider enum names (TOOL_CALLS); the wire values are lower case
        String reason = nonBlank(generationMetadata.getFinishReason(), null);
        finishReason = reason == null ? finishReason : reason.toLowerCase(Locale.ROOT);
      }
    }
  }

  /**
   * This round's answer for the semantic conventions.
   *
   * @param earlierUsage what earlier rounds used when the reported usage is a running total (1.x
   *     tool loops)
   */
  ModelResponse toResponse(Usage earlierUsage) {
    List<GenAiMessage.Part> parts = new ArrayList<>();
    if (!text.isEmpty()) {
      parts.add(GenAiMessage.Part.text(text.toString()));
    }
    parts.addAll(toolCalls);
    return new ModelResponse(
        id,
        model,
        finishReason == null ? List.of() : List.of(finishReason),
        tokensOfThisRound(
            inputTokens, earlierUsage == null ? null : earlierUsage.getPromptTokens()),
        tokensOfThisRound(
            outputTokens, earlierUsage == null ? null : earlierUsage.getCompletionTokens()),
        parts.isEmpty() ? List.of() : List.of(new GenAiMessage("assistant", parts, finishReason)));
  }

  private static Long tokensOfThisRound(Integer reported, Integer earlier) {
    long tokens = (reported == null ? 0 : reported) - (earlier == null ? 0 : earlier);
    return tokens > 0 ? tokens : null;
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }

  private static String nonBlank(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
