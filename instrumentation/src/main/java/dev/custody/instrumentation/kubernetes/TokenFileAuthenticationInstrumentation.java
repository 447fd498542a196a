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
 * client-java's {@code TokenFileAuthentication.getToken(file)}: each read of the token file, when
 * the authentication is built and whenever its refresh period has passed, on the thread of the
 * request that needs the token.
 */
public final class TokenFileAuthenticationInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.kubernetes.client.util.credentials.TokenFileAuthentication");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("getToken").and(isStatic()).and(takesArguments(String.class)),
        getClass().getName() + "$GetTokenAdvice");
  }

  @SuppressWarnings("unused")
  public static class GetTokenAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Instant onEnter() {
      return Instant.now();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter Instant start,
        @Advice.Argument(0) String file,
        @Advice.Return String token,
        @Advice.Thrown Throwable error) {
      ServiceAccountTokens.read(file, token, error, start);
    }
  }
}
