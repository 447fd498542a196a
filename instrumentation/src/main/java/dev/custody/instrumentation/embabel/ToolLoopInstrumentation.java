package dev.custody.instrumentation.embabel;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Embabel's tool loop (sequential or parallel) runs each tool call the model asked for through
 * {@code executeToolCall(tool, toolCall)}, which returns the tool's result and the text the model
 * gets. Embabel's own tools never go through a Spring AI {@code ToolCallback}: this is their only
 * span.
 */
public final class ToolLoopInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.embabel.agent.spi.loop.support.DefaultToolLoop");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("executeToolCall").and(takesArguments(2)),
        getClass().getName() + "$ExecuteToolCallAdvice");
  }

  @SuppressWarnings("unused")
  public static class ExecuteToolCallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static EmbabelToolCalls.ToolRun onEnter(@Advice.Argument(1) Object toolCall) {
      return EmbabelToolCalls.start(toolCall);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter EmbabelToolCalls.ToolRun run,
        @Advice.Return Object resultAndText,
        @Advice.Thrown Throwable error) {
      EmbabelToolCalls.end(run, resultAndText, error);
    }
  }
}
