package dev.custody.core.genai;

import static dev.custody.core.CustodyAttributes.TOOL_CALLS_REQUESTED;

import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * The tool calls a model turn asked for, as {@code custody.gen_ai.tool_calls.requested} records
 * them.
 */
public final class RequestedToolCalls {

  private RequestedToolCalls() {}

  /** Each call as {@code name:id}. */
  public static List<String> labels(List<GenAiMessage.Part> calls) {
    return calls.stream().map(call -> call.name() + ":" + call.id()).toList();
  }

  /**
   * Records the calls on a model-turn span another instrumentation started and ends; nothing when
   * there are none.
   */
  public static void recordOn(Span span, List<GenAiMessage.Part> calls) {
    if (!calls.isEmpty()) {
      span.setAttribute(TOOL_CALLS_REQUESTED, labels(calls));
    }
  }
}
