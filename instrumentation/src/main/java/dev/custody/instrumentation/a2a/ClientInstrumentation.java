package dev.custody.instrumentation.a2a;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.a2a.spec.AgentCard;
import io.a2a.spec.MessageSendParams;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Client.sendMessage(MessageSendParams, ...)}, which the other overloads call: the message
 * and the agent it goes to (the client's card), streamed or not.
 */
public final class ClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.a2a.client.Client");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("sendMessage").and(takesArgument(0, named("io.a2a.spec.MessageSendParams"))),
        getClass().getName() + "$SendMessageAdvice");
  }

  @SuppressWarnings("unused")
  public static final class SendMessageAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.FieldValue("agentCard") AgentCard card,
        @Advice.Argument(0) MessageSendParams params) {
      A2aCalls.sending(card, params);
    }
  }
}
