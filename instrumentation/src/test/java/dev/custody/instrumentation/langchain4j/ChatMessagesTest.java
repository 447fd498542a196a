package dev.custody.instrumentation.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.genai.GenAiMessage;
import dev.custody.core.genai.GenAiMessage.Part;
import dev.custody.core.genai.ModelRequest;
import dev.custody.core.genai.ModelResponse;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMessagesTest {

  static final ToolExecutionRequest LOOKUP =
      ToolExecutionRequest.builder()
          .id("call_1")
          .name("lookupOrder")
          .arguments("{\"orderId\":\"A-17\"}")
          .build();

  @Test
  void providersHaveTheirSemanticConventionNamesOrTheirOwnInLowerCase() {
    assertThat(ChatMessages.providerName("OPEN_AI")).isEqualTo("openai");
    assertThat(ChatMessages.providerName("AZURE_OPEN_AI")).isEqualTo("azure.ai.openai");
    assertThat(ChatMessages.providerName("AMAZON_BEDROCK")).isEqualTo("aws.bedrock");
    assertThat(ChatMessages.providerName("GOOGLE_AI_GEMINI")).isEqualTo("gcp.gemini");
    assertThat(ChatMessages.providerName("GOOGLE_VERTEX_AI_ANTHROPIC")).isEqualTo("gcp.vertex_ai");
    assertThat(ChatMessages.providerName("WATSONX")).isEqualTo("ibm.watsonx.ai");
    assertThat(ChatMessages.providerName("OLLAMA")).isEqualTo("ollama");
    assertThat(ChatMessages.providerName("OTHER")).isEqualTo("other");
    assertThat(
            Arrays.stream(ModelProvider.values())
                .map(provider -> ChatMessages.providerName(provider.name())))
        .allSatisfy(name -> assertThat(name).matches("[a-z_.]+"));
  }

  @Test
  void finishReasonsAreTheSemanticConventionValues() {
    assertThat(ChatMessages.finishReason(FinishReason.STOP)).isEqualTo("stop");
    assertThat(ChatMessages.finishReason(FinishReason.LENGTH)).isEqualTo("length");
    assertThat(ChatMessages.finishReason(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_call");
    assertThat(ChatMessages.finishReason(FinishReason.CONTENT_FILTER)).isEqualTo("content_filter");
    assertThat(ChatMessages.finishReason(FinishReason.OTHER)).isEqualTo("other");
    assertThat(ChatMessages.finishReason(null)).isNull();
  }

  @Test
  void aRequestCarriesItsParametersAndEveryRoleOfMessage() {
    ChatRequest request =
        ChatRequest.builder()
            .messages(
                SystemMessage.from("You are a support agent."),
                UserMessage.from(
                    TextContent.from("Where is A-17?"),
                    ImageContent.from("https://example.com/receipt.png")),
                AiMessage.from("Let me look.", List.of(LOOKUP)),
                ToolExecutionResultMessage.from(LOOKUP, "A-17: packed"))
            .parameters(
                ChatRequestParameters.builder()
                    .modelName("gpt-4o-mini")
                    .temperature(0.2)
                    .topP(0.9)
                    .maxOutputTokens(300)
                    .build())
            .build();

    ModelRequest converted = ChatMessages.request("openai", request);

    assertThat(converted.provider()).isEqualTo("openai");
    assertThat(converted.model()).isEqualTo("gpt-4o-mini");
    assertThat(converted.temperature()).isEqualTo(0.2);
    assertThat(converted.topP()).isEqualTo(0.9);
    assertThat(converted.maxTokens()).isEqualTo(300L);
    assertThat(converted.messages())
        .containsExactly(
            new GenAiMessage("system", List.of(Part.text("You are a support agent."))),
            new GenAiMessage("user", List.of(Part.text("Where is A-17?"))),
            new GenAiMessage(
                "assistant",
                List.of(
                    Part.text("Let me look."),
                    Part.toolCall("call_1", "lookupOrder", "{\"orderId\":\"A-17\"}"))),
            new GenAiMessage("tool", List.of(Part.toolCallResponse("call_1", "A-17: packed"))));
  }

  @Test
  void aResponseCarriesItsIdModelFinishReasonTokensAndOutputMessage() {
    ChatResponse response =
        ChatResponse.builder()
            .id("chatcmpl-1")
            .modelName("gpt-4o-mini-2024-07-18")
            .finishReason(FinishReason.TOOL_EXECUTION)
            .tokenUsage(new TokenUsage(42, 7))
            .aiMessage(AiMessage.from(LOOKUP))
            .build();

    ModelResponse converted = ChatMessages.response(response);

    assertThat(converted.id()).isEqualTo("chatcmpl-1");
    assertThat(converted.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(converted.finishReasons()).containsExactly("tool_call");
    assertThat(converted.inputTokens()).isEqualTo(42L);
    assertThat(converted.outputTokens()).isEqualTo(7L);
    assertThat(converted.output())
        .containsExactly(
            new GenAiMessage(
                "assistant",
                List.of(Part.toolCall("call_1", "lookupOrder", "{\"orderId\":\"A-17\"}")),
                "tool_call"));
    assertThat(converted.requestedToolCalls()).extracting(Part::id).containsExactly("call_1");
  }

  @Test
  void aResponseWithoutUsageOrFinishReasonHasNone() {
    ModelResponse converted =
        ChatMessages.response(ChatResponse.builder().aiMessage(AiMessage.from("Hi")).build());

    assertThat(converted.finishReasons()).isEmpty();
    assertThat(converted.inputTokens()).isNull();
    assertThat(converted.outputTokens()).isNull();
    assertThat(converted.output())
        .containsExactly(new GenAiMessage("assistant", List.of(Part.text("Hi")), null));
  }

  @Test
  void theTextOfAUserMessageJoinsItsTextParts() {
    assertThat(ChatMessages.text(UserMessage.from("Plan a trip"))).isEqualTo("Plan a trip");
    assertThat(
            ChatMessages.text(
                UserMessage.from(TextContent.from("Plan a trip"), TextContent.from("to Lisbon"))))
        .isEqualTo("Plan a trip\nto Lisbon");
    assertThat(ChatMessages.text(null)).isNull();
  }
}
