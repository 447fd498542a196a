package dev.custody.instrumentation.langchain4j;

import dev.langchain4j.service.tool.ToolArgumentsErrorHandler;
import dev.langchain4j.service.tool.ToolExecutionErrorHandler;

/**
 * LangChain4j 1.4+ hands a failed tool's exception to an error handler, which by default makes a
 * text result of it for the model. These wrappers record the exception on the tool call first.
 */
public final class ToolErrorHandlers {

  private ToolErrorHandlers() {}

  public static ToolArgumentsErrorHandler recording(
      ToolArgumentsErrorHandler handler, ToolRun run) {
    return handler == null || run == null
        ? handler
        : (error, context) -> {
          run.failed(error);
          return handler.handle(error, context);
        };
  }

  public static ToolExecutionErrorHandler recording(
      ToolExecutionErrorHandler handler, ToolRun run) {
    return handler == null || run == null
        ? handler
        : (error, context) -> {
          run.failed(error);
          return handler.handle(error, context);
        };
  }
}
