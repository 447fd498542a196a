package dev.custody.instrumentation.springai;

import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * {@code ChatClient} calls as agent invocations. Spring AI has no agent names, so every invocation
 * is named {@value #AGENT_NAME}; the chat memory conversation id, when the call has one, identifies
 * the conversation.
 */
public final class ChatClientCases {

  static final String AGENT_NAME = "ChatClient";

  private static final AgentCases CASES =
      new AgentCases(SpringAiInstrumentationModule.INSTRUMENTATION_NAME);

  private ChatClientCases() {}

  public static AgentInvocation startCall(ChatClientRequest request) {
    return start(request, AGENT_NAME + ".call");
  }

  /** Wraps a streamed answer so that each subscription is one invocation. */
  public static Object streamed(ChatClientRequest request, Object stream) {
    return stream instanceof Flux<?> flux ? new CaseFlux<>(flux, request) : stream;
  }

  public static void end(AgentInvocation invocation, Throwable error) {
    CASES.end(invocation, error);
  }

  /**
   * Starts an invocation, made current, with the intent as the client was given it (before any
   * advisor ran).
   */
  static AgentInvocation start(ChatClientRequest request, String defaultObjective) {
    AgentInvocation invocation = CASES.start(AGENT_NAME, defaultObjective);
    if (invocation == null) {
      return null;
    }
    Prompt prompt = request.prompt();
    String userText = text(prompt.getUserMessage());
    String systemText = text(prompt.getSystemMessage());
    if (userText != null || systemText != null) {
      invocation.recordIntent(userText, systemText);
    }
    Object conversationId = request.context().get(ChatMemory.CONVERSATION_ID);
    if (conversationId != null) {
      invocation.recordConversationId(conversationId.toString());
    }
    return invocation;
  }

  /**
   * The message's text; null when there is none (Spring AI hands out empty messages for missing
   * ones).
   */
  private static String text(Message message) {
    String text = message == null ? null : message.getText();
    return text == null || text.isBlank() ? null : text;
  }
}
