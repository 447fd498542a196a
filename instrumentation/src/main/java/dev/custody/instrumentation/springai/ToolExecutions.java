package dev.custody.instrumentation.springai;

import dev.custody.core.genai.ToolCallOutcome;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.execution.ToolExecutionException;

/**
 * Tool executions: an {@code execute_tool} span for each outermost {@code ToolCallback.call}, with
 * the call id of the requested call it answers, a child of the invocation even when it runs on a
 * Reactor worker, and an error when the tool threw, although Spring AI may hand the model the
 * exception's message as if it were a result. When Spring AI traces the execution itself, its span
 * is the tool's.
 */
public final class ToolExecutions {

  private static final ToolCalls TOOL_CALLS =
      new ToolCalls(SpringAiInstrumentationModule.INSTRUMENTATION_NAME);

  private ToolExecutions() {}

  /**
   * The manager is about to run the tool calls of a model answer. In 1.x it runs inside the model
   * call: the round that gave the answer ends here, and the tools run outside it.
   */
  public static ToolFrame enterManager(ObservationRegistry registry, ChatResponse answer) {
    ModelRounds.toolsRequested(answer);
    return ToolFrame.push(requestedCalls(answer), registry, ModelRounds.parentOutsideRound());
  }

  public static void exitManager(ToolFrame frame) {
    frame.pop();
  }

  /**
   * Starts a tool execution; null for a call inside one (a wrapper delegating to the tool it
   * wraps).
   */
  public static ToolExecution start(ToolCallback tool, String arguments) {
    ToolFrame frame = ToolFrame.current();
    if (frame != null && frame.toolRunning()) {
      return null;
    }
    String name = tool.getToolDefinition().name();
    AssistantMessage.ToolCall requested = frame == null ? null : frame.take(name, arguments);
    ToolCallRequest request =
        new ToolCallRequest(name, requested == null ? null : requested.id(), "function", arguments);
    Object springSpan = frame == null ? null : SpringToolSpans.current(frame.registry());
    Context context =
        springSpan == null ? TOOL_CALLS.start(ModelRounds.parentOutsideRound(), request) : null;
    ToolFrame running = frame != null ? frame : ToolFrame.push(List.of(), null, null);
    running.toolRunning(true);
    return new ToolExecution(
        running,
        frame == null,
        request,
        context,
        context == null ? null : context.makeCurrent(),
        springSpan);
  }

  public static void end(ToolExecution execution, String result, Throwable error) {
    execution.frame().toolRunning(false);
    if (execution.ownFrame()) {
      execution.frame().pop();
    }
    // Spring AI's callbacks wrap what the tool threw
    Throwable failure =
        error instanceof ToolExecutionException && error.getCause() != null
            ? error.getCause()
            : error;
    if (execution.context() != null) {
      execution.scope().close();
      TOOL_CALLS.end(
          execution.context(), execution.request(), new ToolCallOutcome(result, failure), failure);
    } else if (execution.springSpan() != null) {
      SpringToolSpans.annotate(execution.springSpan(), execution.request().id(), failure);
    }
  }

  /** The calls the manager runs: those of the first generation that asks for any. */
  private static List<AssistantMessage.ToolCall> requestedCalls(ChatResponse answer) {
    for (Generation generation : answer.getResults()) {
      List<AssistantMessage.ToolCall> calls = generation.getOutput().getToolCalls();
      if (!calls.isEmpty()) {
        return calls;
      }
    }
    return List.of();
  }
}
