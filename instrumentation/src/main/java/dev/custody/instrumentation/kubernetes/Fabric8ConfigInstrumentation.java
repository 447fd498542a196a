package dev.custody.instrumentation.kubernetes;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.time.Instant;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * fabric8's {@code Config.tryServiceAccount(config)}: in a pod, it reads the service account's
 * token file into the configuration it is given (its automatic OAuth token).
 */
public final class Fabric8ConfigInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.fabric8.kubernetes.client.Config");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("tryServiceAccount").and(isStatic()).and(takesArguments(1)),
        getClass().getName() + "$TryServiceAccountAdvice");
  }

  @SuppressWarnings("unused")
  public static class TryServiceAccountAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Instant onEnter() {
      return Instant.now();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter Instant start, @Advice.Argument(0) Object config) {
      Fabric8ServiceAccounts.configured(config, start);
    }
  }
}
