package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Streaming chat models: {@code doChat(ChatRequest, StreamingChatResponseHandler)} sends one real
 * model call and returns; the answer reaches the handler later (see {@link
 * StreamingChatResponseHandlerInstrumentation}).
 */
public final class StreamingChatModelInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("dev.langchain4j.model.chat.StreamingChatModel"))
        .and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("doChat")
            .and(takesArguments(2))
            .and(takesArgument(0, named("dev.langchain4j.model.chat.request.ChatRequest")))
            .and(
                takesArgument(
                    1, named("dev.langchain4j.model.chat.response.StreamingChatResponseHandler")))
            .and(not(isAbstract())),
        getClass().getName() + "$DoChatAdvice");
  }

  @SuppressWarnings("unused")
  public static class DoChatAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ModelTurn onEnter(
        @Advice.This StreamingChatModel model,
        @Advice.Argument(0) ChatRequest request,
        @Advice.Argument(1) Object handler) {
      return ModelTurn.startStreamedChat(model, request, handler);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter ModelTurn turn, @Advice.Thrown Throwable error) {
      ModelTurn.leaveStreamedChat(turn, error);
    }
  }
}
