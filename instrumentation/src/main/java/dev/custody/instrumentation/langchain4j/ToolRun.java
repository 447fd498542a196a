package dev.custody.instrumentation.langchain4j;

import dev.custody.core.genai.ToolCallOutcome;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationTargetException;

/**
 * One model-requested tool call while it runs: its {@code execute_tool} span is current, so
 * whatever the tool does (an HTTP call, a sub-agent) is inside it. LangChain4j turns a tool's
 * exception into a text result for the model; the exception is recorded here on its way, so the
 * span still says the tool failed.
 */
public final class ToolRun {

  private static final ToolCalls TOOL_CALLS = new ToolCalls(LangChain4jCalls.INSTRUMENTATION_NAME);

  private static final ContextKey<ToolRun> KEY = ContextKey.named("custody-langchain4j-tool-run");

  /** 1.6+ hand each tool the invocation context (1.4–1.5: the memory id). */
  private static final boolean INVOCATION_CONTEXTS =
      LangChain4jCalls.hasClass("dev.langchain4j.invocation.InvocationContext");

  private final Context context;
  private final ToolCallRequest call;
  private Scope scope;
  private volatile Throwable failure;

  private ToolRun(Context context, ToolCallRequest call) {
    this.context = context;
    this.call = call;
  }

  /**
   * Starts the span of a tool call under {@code parent} and makes it current; null when not traced.
   */
  public static ToolRun start(Context parent, ToolExecutionRequest request) {
    ToolCallRequest call =
        new ToolCallRequest(request.name(), request.id(), "function", request.arguments());
    Context context = TOOL_CALLS.start(parent, call);
    if (context == null) {
      return null;
    }
    ToolRun run = new ToolRun(context, call);
    run.scope = context.with(KEY, run).makeCurrent();
    return run;
  }

  /**
   * The context a tool call belongs in, from what {@code executeWithErrorHandling} got beside the
   * request.
   */
  public static Context parentOf(Object invocationContextOrMemoryId) {
    return INVOCATION_CONTEXTS
        ? Invocations.parentOf(invocationContextOrMemoryId)
        : Context.current();
  }

  /**
   * Ends the call with what LangChain4j made of it (a text, a result message or, 1.6+, a result) or
   * its exception.
   */
  public static void end(ToolRun run, Object result, Throwable thrown) {
    if (run != null) {
      run.scope.close();
      TOOL_CALLS.end(
          run.context, run.call, new ToolCallOutcome(resultText(result), run.failure), thrown);
    }
  }

  /** The tool threw, and LangChain4j made a result of it. */
  void failed(Throwable error) {
    failure = error;
  }

  /**
   * 1.0–1.3: the tool method, invoked by reflection, threw; LangChain4j returns its message
   * instead.
   */
  public static void toolMethodThrew(Throwable thrown) {
    ToolRun run = Context.current().get(KEY);
    if (run != null && thrown instanceof InvocationTargetException) {
      run.failed(thrown.getCause());
    }
  }

  private static String resultText(Object result) {
    if (result == null || result instanceof String) {
      return (String) result;
    }
    if (result instanceof ToolExecutionResultMessage message) {
      return message.text();
    }
    return ToolExecutionResults.text(result);
  }
}
