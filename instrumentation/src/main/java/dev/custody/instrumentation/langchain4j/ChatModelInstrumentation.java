package dev.custody.instrumentation.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Synchronous chat models: {@code doChat(ChatRequest)} of each implementation is one real model
 * call ({@code chat} merges the default parameters, runs listeners and calls it; retries happen
 * inside it).
 */
public final class ChatModelInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return ChatModelMatchers.implementationsOf("dev.langchain4j.model.chat.ChatModel");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        ChatModelMatchers.doChat(1), getClass().getName() + "$DoChatAdvice");
  }

  @SuppressWarnings("unused")
  public static class DoChatAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ModelTurn onEnter(
        @Advice.This ChatModel model, @Advice.Argument(0) ChatRequest request) {
      return ModelTurn.startChat(model, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter ModelTurn turn,
        @Advice.Return ChatResponse response,
        @Advice.Thrown Throwable error) {
      ModelTurn.endChat(turn, response, error);
    }
  }
}
