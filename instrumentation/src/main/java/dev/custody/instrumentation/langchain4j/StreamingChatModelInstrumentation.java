package dev.custody.instrumentation.langchain4j;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

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
    return ChatModelMatchers.implementationsOf("dev.langchain4j.model.chat.StreamingChatModel");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        ChatModelMatchers.doChat(2)
            .and(
                takesArgument(
                    1, named("dev.langchain4j.model.chat.response.StreamingChatResponseHandler"))),
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
