package dev.custody.instrumentation.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.ai.tool.ToolCallback;

/**
 * Every tool: both {@code ToolCallback.call} overloads, in every implementation and in the
 * interface's default method. Callbacks delegate to each other and wrap others; only the outermost
 * call is the tool execution.
 */
public final class ToolCallbackInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("org.springframework.ai.tool.ToolCallback"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String toolContext = "org.springframework.ai.chat.model.ToolContext";
    transformer.applyAdviceToMethod(
        named("call")
            .and(not(isAbstract()))
            .and(returns(String.class))
            .and(takesArgument(0, String.class))
            .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, named(toolContext))))),
        getClass().getName() + "$CallAdvice");
  }

  @SuppressWarnings("unused")
  public static class CallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ToolExecution onEnter(
        @Advice.This ToolCallback tool, @Advice.Argument(0) String arguments) {
      return ToolExecutions.start(tool, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter ToolExecution execution,
        @Advice.Return String result,
        @Advice.Thrown Throwable error) {
      if (execution != null) {
        ToolExecutions.end(execution, result, error);
      }
    }
  }
}
