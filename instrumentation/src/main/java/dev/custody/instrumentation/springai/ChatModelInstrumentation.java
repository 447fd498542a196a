package dev.custody.instrumentation.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Every {@code ChatModel}: {@code call(Prompt)} and {@code stream(Prompt)}, and the {@code
 * internalCall} and {@code internalStream(Prompt, ChatResponse)} that 1.x models recurse into once
 * per round of their own tool loop.
 */
public final class ChatModelInstrumentation implements TypeInstrumentation {

  private static final String PROMPT = "org.springframework.ai.chat.prompt.Prompt";
  private static final String CHAT_RESPONSE = "org.springframework.ai.chat.model.ChatResponse";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("org.springframework.ai.chat.model.ChatModel"))
        .and(not(isInterface()));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        entry("call", "internalCall").and(returns(named(CHAT_RESPONSE))),
        getClass().getName() + "$CallAdvice");
    transformer.applyAdviceToMethod(
        entry("stream", "internalStream").and(returns(named("reactor.core.publisher.Flux"))),
        getClass().getName() + "$StreamAdvice");
  }

  /**
   * {@code name(Prompt)}, or {@code internalName(Prompt, ChatResponse)} with the previous round's
   * response.
   */
  private static ElementMatcher.Junction<MethodDescription> entry(
      String name, String internalName) {
    return not(isAbstract())
        .and(takesArgument(0, named(PROMPT)))
        .and(
            named(name)
                .and(takesArguments(1))
                .or(
                    named(internalName)
                        .and(takesArguments(2))
                        .and(takesArgument(1, named(CHAT_RESPONSE)))));
  }

  @SuppressWarnings("unused")
  public static class CallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ModelRound onEnter(
        @Advice.This ChatModel model,
        @Advice.Argument(0) Prompt prompt,
        @Advice.Argument(value = 1, optional = true) ChatResponse previous) {
      return ModelRounds.startCall(model, prompt, previous);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter ModelRound round,
        @Advice.Return ChatResponse response,
        @Advice.Thrown Throwable error) {
      if (round != null) {
        ModelRounds.endCall(round, response, error);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class StreamAdvice {

    /** The stream is lazy: the round starts when it is subscribed to. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This ChatModel model,
        @Advice.Argument(0) Prompt prompt,
        @Advice.Argument(value = 1, optional = true) ChatResponse previous,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream) {
      stream = ModelRounds.streamed(model, prompt, previous, stream);
    }
  }
}
