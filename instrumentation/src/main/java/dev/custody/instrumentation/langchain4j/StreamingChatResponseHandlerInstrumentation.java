package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The handler a streaming model reports to (LangChain4j's listener-calling wrapper, {@code
 * StreamingChatModel$1}): its model turn ends as the complete answer or the error arrives, before
 * the handler passes it on, because the AI service runs the tools and the next model call from
 * inside that callback.
 */
public final class StreamingChatResponseHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(
            named("dev.langchain4j.model.chat.response.StreamingChatResponseHandler"))
        .and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("onCompleteResponse")
            .and(takesArguments(1))
            .and(takesArgument(0, named("dev.langchain4j.model.chat.response.ChatResponse")))
            .and(not(isAbstract())),
        getClass().getName() + "$CompleteResponseAdvice");
    transformer.applyAdviceToMethod(
        named("onCompleteToolCall")
            .and(takesArguments(1))
            .and(takesArgument(0, named("dev.langchain4j.model.chat.response.CompleteToolCall")))
            .and(not(isAbstract())),
        getClass().getName() + "$CompleteToolCallAdvice");
    transformer.applyAdviceToMethod(
        named("onError")
            .and(takesArguments(1))
            .and(takesArgument(0, Throwable.class))
            .and(not(isAbstract())),
        getClass().getName() + "$ErrorAdvice");
  }

  @SuppressWarnings("unused")
  public static class CompleteResponseAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.This Object handler, @Advice.Argument(0) ChatResponse response) {
      ModelTurn.streamedAnswer(handler, response, null);
    }
  }

  /** Newer versions report each tool call as soon as it is complete, and may run it at once. */
  @SuppressWarnings("unused")
  public static class CompleteToolCallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.This Object handler, @Advice.Argument(0) CompleteToolCall toolCall) {
      ModelTurn.streamedToolCall(handler, toolCall.toolExecutionRequest());
    }
  }

  @SuppressWarnings("unused")
  public static class ErrorAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object handler, @Advice.Argument(0) Throwable error) {
      ModelTurn.streamedAnswer(handler, null, error);
    }
  }
}
