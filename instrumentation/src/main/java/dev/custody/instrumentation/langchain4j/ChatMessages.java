package dev.custody.instrumentation.langchain4j;

import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.GenAiMessage.Part;
import dev.custody.core.genai.ModelRequest;
import dev.custody.core.genai.ModelResponse;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * LangChain4j's chat requests, responses and messages in the terms of the GenAI semantic
 * conventions. Uses only API that LangChain4j 1.0 and 1.19 share.
 */
final class ChatMessages {

  private ChatMessages() {}

  static ModelRequest request(String provider, ChatRequest request) {
    ChatRequestParameters parameters = request.parameters();
    if (parameters == null) {
      return new ModelRequest(provider, null, null, null, null, input(request.messages()));
    }
    Integer maxTokens = parameters.maxOutputTokens();
    return new ModelRequest(
        provider,
        parameters.modelName(),
        parameters.temperature(),
        maxTokens == null ? null : maxTokens.longValue(),
        parameters.topP(),
        input(request.messages()));
  }

  static ModelResponse response(ChatResponse response) {
    String finishReason = finishReason(response.finishReason());
    TokenUsage usage = response.tokenUsage();
    return new ModelResponse(
        response.id(),
        response.modelName(),
        finishReason == null ? List.of() : List.of(finishReason),
        usage == null ? null : count(usage.inputTokenCount()),
        usage == null ? null : count(usage.outputTokenCount()),
        response.aiMessage() == null
            ? List.of()
            : List.of(assistant(response.aiMessage(), finishReason)));
  }

  /** {@code gen_ai.provider.name} for a LangChain4j {@code ModelProvider} constant, by its name. */
  static String providerName(String modelProvider) {
    return switch (modelProvider) {
      case "OPEN_AI" -> "openai";
      case "AZURE_OPEN_AI" -> "azure.ai.openai";
      case "ANTHROPIC" -> "anthropic";
      case "AMAZON_BEDROCK" -> "aws.bedrock";
      case "GOOGLE_AI_GEMINI" -> "gcp.gemini";
      case "GOOGLE_GENAI" -> "gcp.gen_ai";
      case "GOOGLE_VERTEX_AI_GEMINI", "GOOGLE_VERTEX_AI_ANTHROPIC" -> "gcp.vertex_ai";
      case "MISTRAL_AI" -> "mistral_ai";
      case "WATSONX" -> "ibm.watsonx.ai";
      case "COHERE" -> "cohere";
      // No semantic-convention value: the provider's own name, e.g. ollama, or other for custom
      // models.
      default -> modelProvider.toLowerCase(Locale.ROOT);
    };
  }

  /** The semantic conventions' finish reason; null when the model gave none. */
  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return null;
    }
    return reason == FinishReason.TOOL_EXECUTION
        ? "tool_call"
        : reason.name().toLowerCase(Locale.ROOT);
  }

  /** The messages sent to the model; content types other than text are left out. */
  static List<GenAiMessage> input(List<ChatMessage> messages) {
    List<GenAiMessage> converted = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      if (message instanceof SystemMessage system) {
        converted.add(new GenAiMessage("system", List.of(Part.text(system.text()))));
      } else if (message instanceof UserMessage user) {
        converted.add(new GenAiMessage("user", List.of(Part.text(text(user)))));
      } else if (message instanceof AiMessage ai) {
        converted.add(assistant(ai, null));
      } else if (message instanceof ToolExecutionResultMessage result) {
        converted.add(
            new GenAiMessage("tool", List.of(Part.toolCallResponse(result.id(), text(result)))));
      }
    }
    return converted;
  }

  /** The text a user message holds, its text parts joined by new lines; null for none. */
  static String text(UserMessage message) {
    if (message == null) {
      return null;
    }
    if (message.hasSingleText()) {
      return message.singleText();
    }
    return message.contents().stream()
        .filter(TextContent.class::isInstance)
        .map(content -> ((TextContent) content).text())
        .collect(Collectors.joining("\n"));
  }

  private static GenAiMessage assistant(AiMessage message, String finishReason) {
    List<Part> parts = new ArrayList<>();
    if (message.text() != null) {
      parts.add(Part.text(message.text()));
    }
    if (message.hasToolExecutionRequests()) {
      for (ToolExecutionRequest call : message.toolExecutionRequests()) {
        parts.add(Part.toolCall(call.id(), call.name(), call.arguments()));
      }
    }
    return new GenAiMessage("assistant", parts, finishReason);
  }

  private static String text(ToolExecutionResultMessage result) {
    try {
      return result.text();
    } catch (IllegalStateException notText) {
      return null; // 1.13+: a result of images or several parts has no single text
    }
  }

  private static Long count(Integer tokens) {
    return tokens == null ? null : tokens.longValue();
  }
}
