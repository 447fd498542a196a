package dev.custody.instrumentation.springai;

import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/** What a {@code Prompt} asks of a model, for the semantic conventions. */
final class PromptRequests {

  private static final String CHAT_MODEL_SUFFIX = "ChatModel";

  private PromptRequests() {}

  static ModelRequest request(ChatModel model, Prompt prompt) {
    ChatOptions options = prompt.getOptions();
    // A prompt may leave out what the model is configured with
    ChatOptions defaults = model.getDefaultOptions();
    Integer maxTokens = option(options, defaults, ChatOptions::getMaxTokens);
    return new ModelRequest(
        provider(model),
        option(options, defaults, ChatOptions::getModel),
        option(options, defaults, ChatOptions::getTemperature),
        maxTokens == null ? null : maxTokens.longValue(),
        option(options, defaults, ChatOptions::getTopP),
        messages(prompt.getInstructions()));
  }

  /**
   * {@code gen_ai.provider.name} from the model class ({@code OpenAiChatModel} is {@code openai}):
   * Spring AI keeps the provider inside each model's observation code.
   */
  static String provider(ChatModel model) {
    String name = model.getClass().getSimpleName();
    String base =
        name.endsWith(CHAT_MODEL_SUFFIX)
            ? name.substring(0, name.length() - CHAT_MODEL_SUFFIX.length())
            : name;
    return switch (base) {
      case "AzureOpenAi" -> "azure.ai.openai";
      case "BedrockProxy" -> "aws.bedrock";
      case "MistralAi" -> "mistral_ai";
      case "VertexAiGemini" -> "gcp.vertex_ai";
      case "GoogleGenAi" -> "gcp.gen_ai";
      default -> base.toLowerCase(Locale.ROOT);
    };
  }

  /** The prompt's messages; the role names Spring AI uses are those of the semantic conventions. */
  private static List<GenAiMessage> messages(List<Message> instructions) {
    List<GenAiMessage> messages = new ArrayList<>(instructions.size());
    for (Message message : instructions) {
      List<GenAiMessage.Part> parts = new ArrayList<>();
      if (message instanceof ToolResponseMessage toolResults) {
        for (ToolResponseMessage.ToolResponse result : toolResults.getResponses()) {
          parts.add(GenAiMessage.Part.toolCallResponse(result.id(), result.responseData()));
        }
      } else {
        if (message.getText() != null && !message.getText().isEmpty()) {
          parts.add(GenAiMessage.Part.text(message.getText()));
        }
        if (message instanceof AssistantMessage assistant) {
          for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
            parts.add(GenAiMessage.Part.toolCall(call.id(), call.name(), call.arguments()));
          }
        }
      }
      messages.add(new GenAiMessage(message.getMessageType().getValue(), parts));
    }
    return messages;
  }

  private static <T> T option(
      ChatOptions options, ChatOptions defaults, Function<ChatOptions, T> read) {
    T value = options == null ? null : read.apply(options);
    return value != null || defaults == null ? value : read.apply(defaults);
  }
}
