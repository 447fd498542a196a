package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j 1.0–1.3 return a failed {@code @Tool} method's exception message as its result: the
 * exception is seen leaving the private {@code execute(Object[])} that invokes the method, as an
 * {@code InvocationTargetException}.
 */
public final class DefaultToolExecutorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return not(hasClassesNamed("dev.langchain4j.service.tool.ToolExecutionErrorHandler"));
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.service.tool.DefaultToolExecutor");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("execute").and(takesArguments(Object[].class)),
        getClass().getName() + "$InvokeToolMethodAdvice");
  }

  @SuppressWarnings("unused")
  public static class InvokeToolMethodAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Thrown Throwable thrown) {
      if (thrown != null) {
        ToolRun.toolMethodThrew(thrown);
      }
    }
  }
}
