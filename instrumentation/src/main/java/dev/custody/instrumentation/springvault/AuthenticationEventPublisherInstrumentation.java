package dev.custody.instrumentation.springvault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.vault.authentication.event.AuthenticationErrorEvent;

/**
 * {@code AuthenticationEventPublisher.multicastEvent(error)}: how the session manager reports a
 * failed revocation.
 */
public final class AuthenticationEventPublisherInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.vault.authentication.AuthenticationEventPublisher");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("multicastEvent")
            .and(
                takesArgument(
                    0,
                    named(
                        "org.springframework.vault.authentication.event.AuthenticationErrorEvent"))),
        getClass().getName() + "$ErrorAdvice");
  }

  @SuppressWarnings("unused")
  public static class ErrorAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) AuthenticationErrorEvent event) {
      SpringVaultCalls.failureReported(event.getException());
    }
  }
}
