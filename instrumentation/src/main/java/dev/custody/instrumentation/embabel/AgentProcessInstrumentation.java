package dev.custody.instrumentation.embabel;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An agent process: {@code run()} plans and executes actions until the process completes, fails, or
 * stops for input; {@code executeAction} runs one action. Embabel is Java 21 bytecode, so its types
 * are read as {@code Object} here (see {@link EmbabelObjects}).
 */
public final class AgentProcessInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.embabel.agent.core.support.AbstractAgentProcess");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("run").and(takesArguments(0)), getClass().getName() + "$RunAdvice");
    transformer.applyAdviceToMethod(
        named("executeAction").and(takesArguments(1)),
        getClass().getName() + "$ExecuteActionAdvice");
  }

  @SuppressWarnings("unused")
  public static class RunAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static EmbabelProcesses.ProcessRun onEnter(@Advice.This Object process) {
      return EmbabelProcesses.start(process);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter EmbabelProcesses.ProcessRun run, @Advice.Thrown Throwable error) {
      EmbabelProcesses.end(run, error);
    }
  }

  @SuppressWarnings("unused")
  public static class ExecuteActionAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static EmbabelActions.ActionRun onEnter(@Advice.Argument(0) Object action) {
      return EmbabelActions.start(action);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter EmbabelActions.ActionRun action,
        @Advice.Return Object status,
        @Advice.Thrown Throwable error) {
      EmbabelActions.end(action, status, error);
    }
  }
}
