package dev.custody.instrumentation.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.ToolArgumentsErrorHandler;
import dev.langchain4j.service.tool.ToolExecutionErrorHandler;
import net.bytebuddy.asm.Advice;

/**
 * One tool call with its error handlers, as {@code (request, executor, invocation context or memory
 * id, arguments error handler, execution error handler)}: LangChain4j's {@code
 * ToolService.executeWithErrorHandling} and Quarkus LangChain4j's {@code executeTool} take the
 * same. 1.6+ pass the invocation context, which says which AI service call the tool serves whatever
 * thread runs it; 1.4–1.5 pass the memory id there.
 */
@SuppressWarnings("unused")
public final class ToolExecutionAdvice {

  private ToolExecutionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ToolRun onEnter(
      @Advice.Argument(0) ToolExecutionRequest request,
      @Advice.Argument(2) Object invocationContextOrMemoryId,
      @Advice.Argument(value = 3, readOnly = false) ToolArgumentsErrorHandler argumentsErrorHandler,
      @Advice.Argument(value = 4, readOnly = false)
          ToolExecutionErrorHandler executionErrorHandler) {
    ToolRun run = ToolRun.start(ToolRun.parentOf(invocationContextOrMemoryId), request);
    argumentsErrorHandler = ToolErrorHandlers.recording(argumentsErrorHandler, run);
    executionErrorHandler = ToolErrorHandlers.recording(executionErrorHandler, run);
    return run;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Enter ToolRun run, @Advice.Return Object result, @Advice.Thrown Throwable error) {
    ToolRun.end(run, result, error);
  }
}
