package dev.custody.instrumentation.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolArgumentsErrorHandler;
import dev.langchain4j.service.tool.ToolExecutionErrorHandler;
import io.opentelemetry.context.Context;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where LangChain4j runs the tools a model asked for. From 1.4 every call of a known tool, sequential, concurrent or
 * streamed, goes through {@code executeWithErrorHandling} on the thread that runs it; a tool name the model made up
 * goes to {@code applyToolHallucinationStrategy} (all versions).
 */
public final class ToolServiceInstrumentation implements TypeInstrumentation {

  private static final String REQUEST = "dev.langchain4j.agent.tool.ToolExecutionRequest";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.service.tool.ToolService");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String advice = getClass().getName();
    transformer.applyAdviceToMethod(
        named("executeWithErrorHandling")
            .and(takesArguments(5))
            .and(takesArgument(2, named("dev.langchain4j.invocation.InvocationContext"))),
        advice + "$ExecuteAdvice");
    transformer.applyAdviceToMethod(
        named("executeWithErrorHandling").and(takesArguments(5)).and(takesArgument(2, Object.class)),
        advice + "$ExecuteWithMemoryIdAdvice");
    transformer.applyAdviceToMethod(
        named("applyToolHallucinationStrategy").and(takesArguments(1)).and(takesArgument(0, named(REQUEST))),
        advice + "$HallucinatedToolAdvice");
  }

  /** 1.6+: the invocation context says which AI service call the tool belongs to, whatever thread runs it. */
  @SuppressWarnings("unused")
  public static class ExecuteAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ToolRun onEnter(
        @Advice.Argument(0) ToolExecutionRequest request,
        @Advice.Argument(2) InvocationContext invocationContext,
        @Advice.Argument(value = 3, readOnly = false) ToolArgumentsErrorHandler argumentsErrorHandler,
        @Advice.Argument(value = 4, readOnly = false) ToolExecutionErrorHandler executionErrorHandler) {
      ToolRun run = ToolRun.start(Invocations.parentOf(invocationContext), request);
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

  /** 1.4–1.5: no invocation context; the tool runs in the context current on its thread. */
  @SuppressWarnings("unused")
  public static class ExecuteWithMemoryIdAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ToolRun onEnter(
        @Advice.Argument(0) ToolExecutionRequest request,
        @Advice.Argument(value = 3, readOnly = false) ToolArgumentsErrorHandler argumentsErrorHandler,
        @Advice.Argument(value = 4, readOnly = false) ToolExecutionErrorHandler executionErrorHandler) {
      ToolRun run = ToolRun.start(Context.current(), request);
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

  @SuppressWarnings("unused")
  public static class HallucinatedToolAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ToolRun onEnter(@Advice.Argument(0) ToolExecutionRequest request) {
      return ToolRun.start(Context.current(), request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter ToolRun run, @Advice.Return Object result, @Advice.Thrown Throwable error) {
      ToolRun.end(run, result, error);
    }
  }
}
