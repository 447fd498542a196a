package dev.custody.instrumentation.koog;

import ai.koog.prompt.Prompt;
import ai.koog.prompt.llm.LLModel;
import ai.koog.prompt.message.Message;
import ai.koog.prompt.message.MessagePart;
import ai.koog.prompt.message.ResponseMetaInfo;
import ai.koog.prompt.params.LLMParams;
import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.GenAiMessage.Part;
import dev.custody.core.genai.ModelRequest;
import dev.custody.core.genai.ModelResponse;
import java.util.ArrayList;
import java.util.List;

/** Koog's prompts and messages in the terms of the GenAI semantic conventions. */
final class KoogMessages {

  private KoogMessages() {}

  static ModelRequest request(Prompt prompt, LLModel model) {
    LLMParams params = prompt.getParams();
    Integer maxTokens = params == null ? null : params.getMaxTokens();
    return new ModelRequest(
        model.getProvider().getId(),
        model.getId(),
        params == null ? null : params.getTemperature(),
        maxTokens == null ? null : maxTokens.longValue(),
        null,
        input(prompt.getMessages()));
  }

  static ModelResponse response(Message.Assistant answer) {
    ResponseMetaInfo meta = answer.getMetaInfo();
    String finishReason = answer.getFinishReason();
    return new ModelResponse(
        null,
        meta == null ? null : meta.getModelId(),
        finishReason == null ? List.of() : List.of(finishReason),
        meta == null ? null : count(meta.getInputTokensCount()),
        meta == null ? null : count(meta.getOutputTokensCount()),
        List.of(new GenAiMessage("assistant", parts(answer.getParts()), finishReason)));
  }

  /** The agent's input when it is text (a chat agent's); else null. */
  static String inputText(Object input) {
    return input instanceof CharSequence text ? text.toString() : null;
  }

  /** The text of the prompt's system messages, or null for none. */
  static String systemText(Prompt prompt) {
    if (prompt == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Message message : prompt.getMessages()) {
      if (message.getRole() == Message.Role.System) {
        text.append(text.length() == 0 ? "" : "\n").append(message.textContent());
      }
    }
    return text.length() == 0 ? null : text.toString();
  }

  /** The messages sent to the model; attachments and reasoning are left out. */
  static List<GenAiMessage> input(List<? extends Message> messages) {
    List<GenAiMessage> converted = new ArrayList<>(messages.size());
    for (Message message : messages) {
      List<Part> parts = parts(message.getParts());
      converted.add(new GenAiMessage(role(message, parts), parts));
    }
    return converted;
  }

  /** A user message that only answers tool calls is the tools' message. */
  private static String role(Message message, List<Part> parts) {
    Message.Role role = message.getRole();
    if (role == Message.Role.System) {
      return "system";
    }
    if (role == Message.Role.Assistant) {
      return "assistant";
    }
    boolean toolResults =
        !parts.isEmpty()
            && parts.stream().allMatch(part -> part.type().equals("tool_call_response"));
    return toolResults ? "tool" : "user";
  }

  private static List<Part> parts(List<? extends MessagePart> parts) {
    List<Part> converted = new ArrayList<>(parts.size());
    for (MessagePart part : parts) {
      if (part instanceof MessagePart.Text text) {
        converted.add(Part.text(text.getText()));
      } else if (part instanceof MessagePart.Tool.Call call) {
        converted.add(Part.toolCall(call.getId(), call.getTool(), call.getArgs()));
      } else if (part instanceof MessagePart.Tool.Result result) {
        converted.add(Part.toolCallResponse(result.getId(), result.getOutput()));
      }
    }
    return converted;
  }

  private static Long count(Integer tokens) {
    return tokens == null ? null : tokens.longValue();
  }
}
