package dev.custody.instrumentation.langgraph4j;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.context.Scope;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.RunnableConfig;

/**
 * The generator a graph run is: made by {@code stream} (which {@code invoke} consumes) for a new
 * input or a resume; each {@code next()} runs one step, its node through {@code applyAction}, until
 * it is done, failed or interrupted.
 */
public final class NodeGeneratorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.bsc.langgraph4j.CompiledGraph$AsyncNodeGenerator");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    // An inner class: its constructor takes the graph first.
    transformer.applyAdviceToMethod(
        isConstructor()
            .and(takesArguments(3))
            .and(takesArgument(1, named("org.bsc.langgraph4j.GraphInput"))),
        getClass().getName() + "$ConstructorAdvice");
    transformer.applyAdviceToMethod(
        named("next").and(takesArguments(0)), getClass().getName() + "$NextAdvice");
    transformer.applyAdviceToMethod(
        named("applyAction").and(takesArguments(4)).and(takesArgument(1, String.class)),
        getClass().getName() + "$ApplyActionAdvice");
  }

  @SuppressWarnings("unused")
  public static class ConstructorAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object generator,
        @Advice.Argument(0) CompiledGraph<?> graph,
        @Advice.Argument(1) GraphInput input,
        @Advice.Argument(2) RunnableConfig config) {
      GraphRuns.started(generator, graph, input, config);
    }
  }

  @SuppressWarnings("unused")
  public static class NextAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Scope onEnter(@Advice.This Object generator) {
      return GraphRuns.stepping(generator);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object generator,
        @Advice.Enter Scope scope,
        @Advice.Return Object step,
        @Advice.Thrown Throwable error) {
      GraphRuns.stepped(generator, scope, step, error);
    }
  }

  @SuppressWarnings("unused")
  public static class ApplyActionAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static GraphNodes.NodeRun onEnter(@Advice.Argument(1) String nodeId) {
      return GraphNodes.start(nodeId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter GraphNodes.NodeRun node, @Advice.Thrown Throwable error) {
      GraphNodes.end(node, error);
    }
  }
}
