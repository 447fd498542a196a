package dev.custody.instrumentation.langgraph4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.RunnableConfig;

/**
 * Where a compiled graph decides to stop for a human (before or after a node), and where the app
 * changes a stopped thread's state before resuming it.
 */
public final class CompiledGraphInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.bsc.langgraph4j.CompiledGraph");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("shouldInterruptBefore").and(takesArguments(String.class, String.class)),
        getClass().getName() + "$InterruptBeforeAdvice");
    transformer.applyAdviceToMethod(
        named("shouldInterruptAfter").and(takesArguments(String.class, String.class)),
        getClass().getName() + "$InterruptAfterAdvice");
    transformer.applyAdviceToMethod(
        named("updateState")
            .and(takesArguments(3))
            .and(takesArgument(0, named("org.bsc.langgraph4j.RunnableConfig"))),
        getClass().getName() + "$UpdateStateAdvice");
  }

  @SuppressWarnings("unused")
  public static class InterruptBeforeAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) String nodeId, @Advice.Return boolean interrupts) {
      if (interrupts) {
        GraphRuns.stopping("before", nodeId);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class InterruptAfterAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) String nodeId, @Advice.Return boolean interrupts) {
      if (interrupts) {
        GraphRuns.stopping("after", nodeId);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class UpdateStateAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This CompiledGraph<?> graph,
        @Advice.Argument(0) RunnableConfig config,
        @Advice.Thrown Throwable error) {
      if (error == null) {
        GraphInterrupts.stateUpdated(graph, config);
      }
    }
  }
}
