package dev.custody.instrumentation.langgraph4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code LC4jToolService.scopedToolCall(request, context)}: one requested tool call, found and run
 * (a call to a tool it does not know runs nothing, and gets no span).
 */
public final class ToolServiceInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.bsc.langgraph4j.langchain4j.tool.LC4jToolService");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("scopedToolCall")
            .and(takesArguments(2))
            .and(takesArgument(0, named("dev.langchain4j.agent.tool.ToolExecutionRequest"))),
        getClass().getName() + "$ScopedToolCallAdvice");
  }

  @SuppressWarnings("unused")
  public static class ScopedToolCallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static GraphToolCalls.ToolRun onEnter(@Advice.Argument(0) ToolExecutionRequest request) {
      return GraphToolCalls.start(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter GraphToolCalls.ToolRun run, @Advice.Thrown Throwable error) {
      GraphToolCalls.end(run, error);
    }
  }
}
