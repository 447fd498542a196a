package dev.custody.core.genai;

import java.util.ArrayList;
import java.util.List;

/**
 * What a library tells us about a model's answer. Unknown values are null. Tool calls the model
 * asks for are {@code tool_call} parts of the output messages.
 */
public record ModelResponse(
    String id,
    String model,
    List<String> finishReasons,
    Long inputTokens,
    Long outputTokens,
    List<GenAiMessage> output) {

  /** The tool calls the model asked for, in order. */
  public List<GenAiMessage.Part> requestedToolCalls() {
    List<GenAiMessage.Part> calls = new ArrayList<>();
    if (output != null) {
      for (GenAiMessage message : output) {
        for (GenAiMessage.Part part : message.parts()) {
          if (part.type().equals("tool_call")) {
            calls.add(part);
          }
        }
      }
    }
    return calls;
  }
}
