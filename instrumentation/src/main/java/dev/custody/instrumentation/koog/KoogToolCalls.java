package dev.custody.instrumentation.koog;

import ai.koog.agents.core.agent.context.AIAgentContext;
import dev.custody.core.AgentInternals;
import dev.custody.core.genai.ToolCallOutcome;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import io.opentelemetry.context.Context;

/**
 * Tool calls of Koog agents: an {@code execute_tool {tool}} span with the call id the model gave,
 * from the call Koog's pipeline announces until its result, a child of the agent run and current
 * while Koog's tool environment runs the tool. Koog hands a tool's exception to the model as an
 * error result: the span says {@code tool_error}; so it does for arguments Koog could not read.
 */
public final class KoogToolCalls {

  private static final ToolCalls TOOL_CALLS = new ToolCalls(KoogRuns.INSTRUMENTATION_NAME);

  /** Calls by the id of Koog's event, which it holds until the call ends. */
  private static final AgentInternals.Cache<String, Call> CALLS = AgentInternals.weakCache();

  private KoogToolCalls() {}

  private record Call(KoogRun run, Context context, ToolCallRequest request) {}

  public static void starting(
      String eventId, AIAgentContext context, String callId, String tool, Object arguments) {
    if (eventId != null && CALLS.get(eventId) == null) {
      start(eventId, context, callId, tool, arguments);
    }
  }

  /** The call of {@code eventId} returned {@code result}. */
  public static void completed(String eventId, Object result) {
    Call call = eventId == null ? null : CALLS.get(eventId);
    if (call != null) {
      end(eventId, call, new ToolCallOutcome(text(result), null, false));
    }
  }

  /**
   * The call of {@code eventId} failed, or Koog could not read its arguments (then it never
   * started); {@code message} is what the model is told.
   */
  public static void failed(
      String eventId,
      AIAgentContext context,
      String callId,
      String tool,
      Object arguments,
      String message) {
    if (eventId == null) {
      return;
    }
    Call call = CALLS.get(eventId);
    if (call == null) {
      call = start(eventId, context, callId, tool, arguments);
    }
    if (call != null) {
      end(eventId, call, new ToolCallOutcome(message, null, true));
    }
  }

  private static Call start(
      String eventId, AIAgentContext context, String callId, String tool, Object arguments) {
    KoogRun run = KoogRuns.of(context);
    if (run == null || tool == null) {
      return null;
    }
    ToolCallRequest request = new ToolCallRequest(tool, callId, "function", text(arguments));
    Context started = TOOL_CALLS.start(run.context(), request);
    if (started == null) {
      return null;
    }
    Call call = new Call(run, started, request);
    CALLS.put(eventId, call);
    run.started(started);
    SuspendWindows.makeCurrent(started);
    return call;
  }

  private static void end(String eventId, Call call, ToolCallOutcome outcome) {
    CALLS.remove(eventId);
    call.run().ended(call.context());
    TOOL_CALLS.end(call.context(), call.request(), outcome, null);
  }

  /** Koog's JSON values print as JSON. */
  private static String text(Object json) {
    return json == null ? null : json.toString();
  }
}
