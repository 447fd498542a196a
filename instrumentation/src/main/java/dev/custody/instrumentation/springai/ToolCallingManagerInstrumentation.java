package dev.custody.instrumentation.springai;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The tool-calling manager runs the tool calls of a model answer one after the other, on one
 * thread: it tells which call id each tool execution answers, and whether Spring AI traces the
 * tools itself.
 */
public final class ToolCallingManagerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.ai.model.tool.DefaultToolCallingManager");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("executeToolCalls")
            .and(takesArguments(2))
            .and(takesArgument(1, named("org.springframework.ai.chat.model.ChatResponse"))),
        getClass().getName() + "$ExecuteToolCallsAdvice");
  }

  @SuppressWarnings("unused")
  public static class ExecuteToolCallsAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ToolFrame onEnter(
        @Advice.FieldValue("observationRegistry") ObservationRegistry registry,
        @Advice.Argument(1) ChatResponse answer) {
      return ToolExecutions.enterManager(registry, answer);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter ToolFrame frame) {
      if (frame != null) {
        ToolExecutions.exitManager(frame);
      }
    }
  }
}
