package dev.custody.instrumentation.langchain4j;

import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * What the LangChain4j advice records about AI service invocations: the logic lives here, the
 * advice forwards.
 */
public final class LangChain4jCalls {

  static final String INSTRUMENTATION_NAME = "dev.custody.langchain4j-1.0";

  /**
   * LangChain4j's chat memory id when an AI service method has no {@code @MemoryId}: no
   * conversation.
   */
  private static final String DEFAULT_MEMORY_ID = "default";

  private static final AgentCases CASES = new AgentCases(INSTRUMENTATION_NAME);

  /**
   * 1.0–1.5: the system message, prepared just before the user message, until both are recorded as
   * the intent.
   */
  private static final AgentInternals.Cache<AgentInvocation, String> PENDING_SYSTEM_MESSAGES =
      AgentInternals.weakCache();

  private LangChain4jCalls() {}

  /**
   * Starts an invocation for a call of an AI service method; null for methods that are not AI
   * calls.
   */
  public static AgentInvocation startInvocation(Object proxy, Method method) {
    Class<?> declaring = method.getDeclaringClass();
    if (method.isDefault()
        || declaring == Object.class
        || declaring.getName().equals("dev.langchain4j.service.memory.ChatMemoryAccess")) {
      return null;
    }
    Class<?>[] interfaces = proxy.getClass().getInterfaces();
    String agentName = (interfaces.length > 0 ? interfaces[0] : declaring).getSimpleName();
    return CASES.start(agentName, agentName + "." + method.getName());
  }

  /**
   * The AI service method returned or threw; a streamed invocation goes on until its stream ends.
   */
  public static void endInvocation(AgentInvocation invocation, Throwable error) {
    if (StreamedInvocations.isStreamed(invocation)) {
      if (error != null) {
        StreamedInvocations.end(invocation, error);
      }
      return;
    }
    end(invocation, error);
  }

  static void end(AgentInvocation invocation, Throwable error) {
    CASES.end(invocation, error);
  }

  /**
   * 1.0–1.5: {@code DefaultAiServices.prepareSystemMessage} returned the templated system message,
   * if any.
   */
  public static void systemMessagePrepared(Optional<SystemMessage> systemMessage) {
    AgentInvocation invocation = AgentInvocation.current();
    if (invocation != null && systemMessage != null && systemMessage.isPresent()) {
      PENDING_SYSTEM_MESSAGES.put(invocation, systemMessage.get().text());
    }
  }

  /**
   * 1.0–1.5: {@code DefaultAiServices.prepareUserMessage} returned the user message, before RAG and
   * format hints.
   */
  public static void userMessagePrepared(UserMessage userMessage) {
    AgentInvocation invocation = AgentInvocation.current();
    if (invocation == null) {
      return;
    }
    String systemMessage = PENDING_SYSTEM_MESSAGES.get(invocation);
    PENDING_SYSTEM_MESSAGES.remove(invocation);
    invocation.recordIntent(ChatMessages.text(userMessage), systemMessage);
  }

  /**
   * 1.0–1.5: {@code DefaultAiServices.findMemoryId} returned the {@code @MemoryId} argument, if
   * any.
   */
  public static void memoryIdFound(Optional<Object> memoryId) {
    AgentInvocation invocation = AgentInvocation.current();
    if (invocation != null && memoryId != null && memoryId.isPresent()) {
      recordConversation(invocation, memoryId.get());
    }
  }

  /**
   * Whether the LangChain4j beside these helpers has the class: what differs between versions is
   * told so.
   */
  static boolean hasClass(String className) {
    try {
      Class.forName(className, false, LangChain4jCalls.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The chat memory an invocation runs in is its conversation, unless it is LangChain4j's default
   * one.
   */
  static void recordConversation(AgentInvocation invocation, Object memoryId) {
    if (memoryId != null && !DEFAULT_MEMORY_ID.equals(memoryId)) {
      invocation.recordConversationId(String.valueOf(memoryId));
    }
  }
}
