package dev.custody.instrumentation.quarkuslangchain4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.core.cases.AgentInvocation;
import dev.custody.instrumentation.langchain4j.ToolExecutionAdvice;
import dev.langchain4j.invocation.InvocationContext;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodCreateInfo;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What every generated AI service method calls: {@code doImplement} runs one call of the method,
 * {@code executeTool} one tool call the model asked for. {@code executeTool} takes what
 * LangChain4j's own {@code ToolService.executeWithErrorHandling} takes: the same {@link
 * ToolExecutionAdvice} traces it.
 */
public final class AiServiceMethodImplementationSupportInstrumentation
    implements TypeInstrumentation {

  private static final String SUPPORT =
      "io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodImplementationSupport";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SUPPORT);
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("doImplement")
            .and(takesArguments(3))
            .and(takesArgument(1, named("dev.langchain4j.invocation.InvocationContext"))),
        getClass().getName() + "$ImplementAdvice");
    transformer.applyAdviceToMethod(
        named("executeTool")
            .and(takesArguments(5))
            .and(takesArgument(0, named("dev.langchain4j.agent.tool.ToolExecutionRequest"))),
        ToolExecutionAdvice.class.getName());
  }

  @SuppressWarnings("unused")
  public static class ImplementAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AgentInvocation onEnter(
        @Advice.Argument(0) AiServiceMethodCreateInfo method,
        @Advice.Argument(1) InvocationContext invocationContext) {
      return QuarkusLangChain4jCalls.startInvocation(method, invocationContext);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AgentInvocation invocation, @Advice.Thrown Throwable error) {
      QuarkusLangChain4jCalls.endInvocation(invocation, error);
    }
  }
}
