package dev.custody.instrumentation.langgraph4j;

import dev.custody.core.genai.ToolCallOutcome;
import dev.custody.core.genai.ToolCallRequest;
import dev.custody.core.genai.ToolCalls;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

/**
 * The tool calls LangGraph4j's LangChain4j tool service runs: an {@code execute_tool {tool}} with
 * the call id the model gave, current while the tool runs. LangChain4j's own tool spans come from
 * AI services' tool loop, which this service does not go through: one span per call. A call the
 * service runs while one of these is current for the same call id (a service inside a tool) is not
 * traced again. An {@code @Tool} method that threw reaches the service as an error result
 * (LangChain4j's tool executor turns the exception into one): the span says {@code tool_error}.
 */
public final class GraphToolCalls {

  private static final ToolCalls TOOL_CALLS = new ToolCalls("dev.custody.langgraph4j-1.8");

  private static final ContextKey<ToolRun> KEY = ContextKey.named("custody-langgraph4j-tool-run");

  private GraphToolCalls() {}

  /** One call while it runs. */
  public static final class ToolRun {
    private final Context context;
    private final ToolCallRequest call;
    private final Scope scope;
    private volatile String result;
    private volatile boolean errorResult;

    private ToolRun(Context context, ToolCallRequest call) {
      this.context = context.with(KEY, this);
      this.call = call;
      this.scope = this.context.makeCurrent();
    }
  }

  public static ToolRun start(ToolExecutionRequest request) {
    ToolRun running = Context.current().get(KEY);
    if (running != null && request.id() != null && request.id().equals(running.call.id())) {
      return null;
    }
    ToolCallRequest call =
        new ToolCallRequest(request.name(), request.id(), "function", request.arguments());
    Context context = TOOL_CALLS.start(Context.current(), call);
    return context == null ? null : new ToolRun(context, call);
  }

  /** The service made the result message of the call running here. */
  public static void resulted(ToolExecutionResultMessage message) {
    ToolRun run = Context.current().get(KEY);
    if (run != null && message != null) {
      run.result = message.text();
    }
  }

  /** LangChain4j's tool executor ran the call running here, a failure as an error result. */
  public static void executed(ToolExecutionResult result) {
    ToolRun run = Context.current().get(KEY);
    if (run != null && result != null && result.isError()) {
      run.errorResult = true;
    }
  }

  public static void end(ToolRun run, Throwable error) {
    if (run != null) {
      run.scope.close();
      TOOL_CALLS.end(
          run.context, run.call, new ToolCallOutcome(run.result, null, run.errorResult), error);
    }
  }
}
