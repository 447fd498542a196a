package dev.custody.core.genai;

import java.util.List;

/**
 * One chat message as the GenAI semantic conventions describe it ({@code gen_ai.input.messages} and
 * {@code gen_ai.output.messages}): a role and its parts; output messages also carry the finish
 * reason.
 */
public record GenAiMessage(String role, List<Part> parts, String finishReason) {

  public GenAiMessage(String role, List<Part> parts) {
    this(role, parts, null);
  }

  /** A part: text, a tool call the model asks for, or the response to one. */
  public record Part(String type, String content, String id, String name) {

    public static Part text(String content) {
      return new Part("text", content, null, null);
    }

    /** A tool call the model asks for; {@code arguments} is the arguments' JSON text. */
    public static Part toolCall(String id, String name, String arguments) {
      return new Part("tool_call", arguments, id, name);
    }

    public static Part toolCallResponse(String id, String result) {
      return new Part("tool_call_response", result, id, null);
    }
  }
}
