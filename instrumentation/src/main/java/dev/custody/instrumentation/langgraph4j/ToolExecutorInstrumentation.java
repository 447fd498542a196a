package dev.custody.instrumentation.langgraph4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.service.tool.ToolExecutionResult;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j's executor of {@code @Tool} methods, as the tool service calls it: a method that
 * threw comes back as an error result, which is where the failure is seen.
 */
public final class ToolExecutorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.service.tool.DefaultToolExecutor");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("executeWithContext").and(takesArguments(2)),
        getClass().getName() + "$ExecuteWithContextAdvice");
  }

  @SuppressWarnings("unused")
  public static class ExecuteWithContextAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return ToolExecutionResult result) {
      GraphToolCalls.executed(result);
    }
  }
}
