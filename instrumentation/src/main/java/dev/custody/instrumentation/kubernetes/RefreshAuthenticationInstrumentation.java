package dev.custody.instrumentation.kubernetes;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * client-java's {@code RefreshAuthentication.intercept}, the OkHttp interceptor that adds the
 * bearer token to each API request, inside the agent's span of the call. That span is started from
 * the request before the token is added, so the agent's header capture cannot see which token the
 * call presented: the interceptor tells.
 */
public final class RefreshAuthenticationInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.kubernetes.client.util.credentials.RefreshAuthentication");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("intercept").and(takesArguments(1)), getClass().getName() + "$InterceptAdvice");
  }

  @SuppressWarnings("unused")
  public static class InterceptAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.FieldValue("token") String token) {
      ServiceAccountTokens.presented(token);
    }
  }
}
