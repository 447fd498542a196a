package dev.custody.instrumentation.langchain4j;

import dev.custody.core.cases.AgentInvocation;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;

/**
 * Reads AI service events (LangChain4j 1.6+); kept apart so older versions never load these types.
 */
public final class AiServiceEvents {

  private AiServiceEvents() {}

  public static void onEvent(Object event) {
    if (event instanceof AiServiceStartedEvent started) {
      onStarted(started);
    } else if (event instanceof AiServiceCompletedEvent completed) {
      StreamedInvocations.end(Invocations.find(completed.invocationContext()), null);
    } else if (event instanceof AiServiceErrorEvent failed) {
      StreamedInvocations.end(Invocations.find(failed.invocationContext()), failed.error());
    }
  }

  /**
   * Fired inside the AI service call: records its intent and conversation, and remembers its
   * invocation id.
   */
  private static void onStarted(AiServiceStartedEvent started) {
    AgentInvocation invocation = AgentInvocation.current();
    if (invocation == null) {
      return;
    }
    invocation.recordIntent(
        ChatMessages.text(started.userMessage()),
        started.systemMessage().map(SystemMessage::text).orElse(null));
    InvocationContext invocationContext = started.invocationContext();
    if (invocationContext != null) {
      Invocations.register(invocationContext, invocation);
      LangChain4jCalls.recordConversation(invocation, invocationContext.chatMemoryId());
    }
  }
}
