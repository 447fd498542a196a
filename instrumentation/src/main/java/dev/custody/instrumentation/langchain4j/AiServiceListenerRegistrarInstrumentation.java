package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j 1.6+ announces each AI service call with events: {@code AiServiceStartedEvent} holds
 * the user and system messages as the framework built them (the intent) and the invocation context;
 * {@code AiServiceCompletedEvent} and {@code AiServiceErrorEvent} tell when a streamed call really
 * ended.
 */
public final class AiServiceListenerRegistrarInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(
        named("dev.langchain4j.observability.api.AiServiceListenerRegistrar"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("fireEvent").and(takesArguments(1)).and(not(isAbstract())),
        getClass().getName() + "$FireEventAdvice");
  }

  @SuppressWarnings("unused")
  public static class FireEventAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) Object event) {
      AiServiceEvents.onEvent(event);
    }
  }
}
