package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The invocation handler behind every {@code AiServices} proxy: one call of an AI service method.
 */
public final class AiServiceProxyInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return nameStartsWith("dev.langchain4j.service.DefaultAiServices$")
        .and(implementsInterface(named("java.lang.reflect.InvocationHandler")));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("invoke").and(takesArguments(3)).and(takesArgument(1, Method.class)),
        getClass().getName() + "$InvokeAdvice");
  }

  @SuppressWarnings("unused")
  public static class InvokeAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AgentInvocation onEnter(
        @Advice.Argument(0) Object proxy, @Advice.Argument(1) Method method) {
      return LangChain4jCalls.startInvocation(proxy, method);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AgentInvocation invocation, @Advice.Thrown Throwable error) {
      if (invocation != null) {
        LangChain4jCalls.endInvocation(invocation, error);
      }
    }
  }
}
