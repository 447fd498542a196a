package dev.custody.instrumentation.springai;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.ai.chat.client.ChatClientRequest;

/**
 * Where every {@code ChatClient} call and stream passes, whichever way the answer is read ({@code
 * content()}, {@code chatResponse()}, {@code entity(..)}...): one agent invocation each.
 */
public final class ChatClientInstrumentation implements TypeInstrumentation {

  private static final String CALL = "doGetObservableChatClientResponse";
  private static final String REQUEST = "org.springframework.ai.chat.client.ChatClientRequest";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "org.springframework.ai.chat.client.DefaultChatClient$DefaultCallResponseSpec",
        "org.springframework.ai.chat.client.DefaultChatClient$DefaultStreamResponseSpec");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    // 2.x added an overload taking the advisor chain, to which the one-argument form delegates:
    // hook one per version
    ElementMatcher<TypeDescription> withChainOverload =
        declaresMethod(named(CALL).and(takesArguments(2)));
    transformer.applyAdviceToMethod(
        named(CALL)
            .and(takesArgument(0, named(REQUEST)))
            .and(takesArguments(2).or(takesArguments(1).and(isDeclaredBy(not(withChainOverload))))),
        getClass().getName() + "$CallAdvice");
    transformer.applyAdviceToMethod(
        named("doGetObservableFluxChatResponse")
            .and(takesArguments(1))
            .and(takesArgument(0, named(REQUEST))),
        getClass().getName() + "$StreamAdvice");
  }

  @SuppressWarnings("unused")
  public static class CallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AgentInvocation onEnter(@Advice.Argument(0) ChatClientRequest request) {
      return ChatClientCases.startCall(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AgentInvocation invocation, @Advice.Thrown Throwable error) {
      if (invocation != null) {
        ChatClientCases.end(invocation, error);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class StreamAdvice {

    /** The stream is lazy: the invocation starts when it is subscribed to. */
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Argument(0) ChatClientRequest request,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream) {
      stream = ChatClientCases.streamed(request, stream);
    }
  }
}
