package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Optional;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j 1.0–1.5 announce no AI service events: the intent and the conversation are read where
 * the invocation prepares them, on its own thread. The methods are matched by name and return type,
 * as their parameters changed.
 */
public final class DefaultAiServicesInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return not(hasClassesNamed("dev.langchain4j.observability.api.event.AiServiceStartedEvent"));
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("dev.langchain4j.service.DefaultAiServices");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    String advice = getClass().getName();
    transformer.applyAdviceToMethod(
        named("prepareSystemMessage").and(returns(Optional.class)),
        advice + "$SystemMessageAdvice");
    transformer.applyAdviceToMethod(
        named("prepareUserMessage").and(returns(named("dev.langchain4j.data.message.UserMessage"))),
        advice + "$UserMessageAdvice");
    transformer.applyAdviceToMethod(
        named("findMemoryId").and(returns(Optional.class)), advice + "$MemoryIdAdvice");
  }

  @SuppressWarnings("unused")
  public static class SystemMessageAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return Optional<SystemMessage> systemMessage) {
      LangChain4jCalls.systemMessagePrepared(systemMessage);
    }
  }

  @SuppressWarnings("unused")
  public static class UserMessageAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return UserMessage userMessage) {
      LangChain4jCalls.userMessagePrepared(userMessage);
    }
  }

  @SuppressWarnings("unused")
  public static class MemoryIdAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return Optional<Object> memoryId) {
      LangChain4jCalls.memoryIdFound(memoryId);
    }
  }
}
