package dev.custody.instrumentation.langchain4j;

import dev.custody.core.cases.AgentInvocation;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import java.util.stream.Collectors;

/** Reads AI service events (LangChain4j 1.7+); kept apart so older versions never load these types. */
public final class AiServiceEvents {

  private AiServiceEvents() {}

  /** Records the intent announced by an {@code AiServiceStartedEvent} on the invocation it belongs to. */
  public static void onEvent(Object event) {
    if (!(event instanceof AiServiceStartedEvent started)) {
      return;
    }
    AgentInvocation invocation = AgentInvocation.current();
    if (invocation != null) {
      invocation.recordIntent(
          text(started.userMessage()), started.systemMessage().map(SystemMessage::text).orElse(null));
    }
  }

  private static String text(UserMessage message) {
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
}
