package dev.custody.instrumentation.awssdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The base class of every STS credential provider: its cache calls {@code updateSessionCredentials}
 * for the first fetch and for each refresh, on the calling thread or in the background.
 */
public final class StsCredentialsProviderInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("software.amazon.awssdk.services.sts.auth.StsCredentialsProvider");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("updateSessionCredentials").and(takesArguments(0)),
        getClass().getName() + "$RefreshAdvice");
  }

  @SuppressWarnings("unused")
  public static class RefreshAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static StsRefreshes.Refresh onEnter(@Advice.This Object provider) {
      return StsRefreshes.start(provider);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter StsRefreshes.Refresh refresh, @Advice.Thrown Throwable error) {
      StsRefreshes.end(refresh, error);
    }
  }
}
