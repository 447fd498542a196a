package dev.custody.instrumentation.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.ToolExecutor;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * LangChain4j 1.0–1.3 call each tool's executor directly, from several places: every executor of an
 * invocation is wrapped instead, which also catches lambda executors (MCP tools among them).
 */
public final class TracedToolExecutor implements ToolExecutor {

  private final ToolExecutor delegate;

  private TracedToolExecutor(ToolExecutor delegate) {
    this.delegate = delegate;
  }

  /** The executors of one invocation, by tool name, each traced. */
  public static Map<String, ToolExecutor> wrap(Map<String, ToolExecutor> executors) {
    if (executors == null) {
      return null;
    }
    Map<String, ToolExecutor> traced = new HashMap<>();
    executors.forEach(
        (name, executor) ->
            traced.put(
                name,
                executor instanceof TracedToolExecutor
                    ? executor
                    : new TracedToolExecutor(executor)));
    return traced;
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    ToolRun run = ToolRun.start(Context.current(), request);
    try {
      String result = delegate.execute(request, memoryId);
      ToolRun.end(run, result, null);
      return result;
    } catch (RuntimeException | Error e) {
      ToolRun.end(run, null, e);
      throw e;
    }
  }
}
