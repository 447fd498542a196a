package dev.custody.instrumentation.langgraph4j;

import dev.custody.core.cases.AgentInvocation;
import java.util.List;
import java.util.Map;
import org.bsc.langgraph4j.action.InterruptionMetadata;

/**
 * What a graph run was asked, read from its input: the last LangChain4j user message in the input's
 * values (a message, or a list of them, as {@code MessagesState} takes), and the first system
 * message as the objective. LangChain4j's messages are read by name, so that a graph without
 * LangChain4j loads none of it.
 */
final class GraphInputs {

  private static final String USER_MESSAGE = "dev.langchain4j.data.message.UserMessage";
  private static final String SYSTEM_MESSAGE = "dev.langchain4j.data.message.SystemMessage";

  private GraphInputs() {}

  static void recordIntent(AgentInvocation invocation, Map<String, Object> input) {
    String prompt = null;
    String objective = null;
    for (Object value : input.values()) {
      for (Object message : value instanceof List<?> list ? list : List.of(value)) {
        String name = message == null ? "" : message.getClass().getName();
        if (name.equals(USER_MESSAGE)) {
          prompt = textOf(message, "singleText");
        } else if (name.equals(SYSTEM_MESSAGE) && objective == null) {
          objective = textOf(message, "text");
        }
      }
    }
    if (prompt != null) {
      invocation.recordIntent(prompt, objective);
    }
  }

  /** What a node that interrupted itself said, as {@code : key=value, ...}; empty when nothing. */
  static String metadataOf(InterruptionMetadata<?> interruption) {
    StringBuilder said = new StringBuilder();
    for (String key : interruption.metadataKeys()) {
      said.append(said.length() == 0 ? ": " : ", ")
          .append(key)
          .append('=')
          .append(interruption.metadata(key).orElse(null));
    }
    return said.toString();
  }

  private static String textOf(Object message, String accessor) {
    try {
      Object text = message.getClass().getMethod(accessor).invoke(message);
      return text instanceof String string ? string : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a message with more than text (an image) has no single text: no prompt from it
      return null;
    }
  }
}
