package dev.custody.instrumentation.a2a;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.a2a.spec.EventKind;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ClientTransport.sendMessage} of every transport (JSON-RPC, REST, gRPC): the task the
 * remote agent made of the message, as its answer names it.
 */
public final class ClientTransportInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("io.a2a.client.transport.spi.ClientTransport"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("sendMessage")
            .and(not(isAbstract()))
            .and(takesArgument(0, named("io.a2a.spec.MessageSendParams"))),
        getClass().getName() + "$SendMessageAdvice");
  }

  @SuppressWarnings("unused")
  public static final class SendMessageAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Return EventKind answer) {
      A2aCalls.accepted(answer);
    }
  }
}
