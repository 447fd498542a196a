package dev.custody.instrumentation.embabel;

import dev.custody.core.genai.ToolCallOutcome;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

/**
 * Tool calls of Embabel's tool loop: an {@code execute_tool {tool}} span per call, with the call id
 * the model gave (so it links to the model turn that asked), current while the tool runs. A tool
 * that returned an error result ({@code Tool.Result.Error}) failed, even when a decorator handed
 * the model its message as text: an ERROR span with the tool's exception, or {@code tool_error}
 * when it kept none.
 */
public final class EmbabelToolCalls {

  private static final String ERROR_RESULT = "com.embabel.agent.api.tool.Tool$Result$Error";

  private static final ToolCalls TOOL_CALLS = new ToolCalls(EmbabelProcesses.INSTRUMENTATION_NAME);

  private static final ContextKey<ToolRun> KEY = ContextKey.named("custody-embabel-tool-run");

  private EmbabelToolCalls() {}

  /** One call while it runs. */
  public static final class ToolRun {
    private final Context context;
    private final ToolCallRequest call;
    private final Scope scope;
    private volatile Object errorResult;

    private ToolRun(Context context, ToolCallRequest call) {
      this.context = context.with(KEY, this);
      this.call = call;
      this.scope = this.context.makeCurrent();
    }
  }

  public static ToolRun start(Object toolCall) {
    String name = EmbabelObjects.text(toolCall, "getName");
    if (name == null) {
      return null;
    }
    ToolCallRequest call =
        new ToolCallRequest(
            name,
            EmbabelObjects.text(toolCall, "getId"),
            "function",
            EmbabelObjects.text(toolCall, "getArguments"));
    Context context = TOOL_CALLS.start(Context.current(), call);
    return context == null ? null : new ToolRun(context, call);
  }

  /** A tool (or a decorator around it) returned {@code result} in the call running here. */
  public static void returned(Object result) {
    ToolRun run = Context.current().get(KEY);
    if (run != null && run.errorResult == null && EmbabelObjects.is(result, ERROR_RESULT)) {
      run.errorResult = result;
    }
  }

  /**
   * The call returned a {@code Pair} of the tool's result and the text the model gets, or threw.
   */
  public static void end(ToolRun run, Object resultAndText, Throwable error) {
    if (run == null) {
      return;
    }
    run.scope.close();
    Object errorResult = run.errorResult;
    Throwable cause =
        EmbabelObjects.read(errorResult, "getCause") instanceof Throwable thrown ? thrown : null;
    ToolCallOutcome outcome =
        new ToolCallOutcome(
            EmbabelObjects.text(resultAndText, "getSecond"),
            cause,
            errorResult != null && cause == null);
    TOOL_CALLS.end(run.context, run.call, outcome, error == null ? cause : error);
  }
}
