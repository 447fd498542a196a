package dev.custody.instrumentation.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.opentelemetry.context.Context;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where LangChain4j runs the tools a model asked for. From 1.4 every call of a known tool,
 * sequential, concurrent or streamed, goes through {@code executeWithErrorHandling} on the thread
 * that runs it; a tool name the model made up goes to {@code applyToolHallucinationStrategy} (all
 * versions).
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
            .and(takesArgument(0, named(REQUEST))),
        ToolExecutionAdvice.class.getName());
    transformer.applyAdviceToMethod(
        named("applyToolHallucinationStrategy")
            .and(takesArguments(1))
            .and(takesArgument(0, named(REQUEST))),
        advice + "$HallucinatedToolAdvice");
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
