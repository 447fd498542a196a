package dev.custody.instrumentation.azure;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.custody.core.RunningOperation;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code SecretClient.getSecret} and {@code getSecretWithResponse}, every overload: none calls
 * another.
 */
public final class SecretClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.azure.security.keyvault.secrets.SecretClient");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic()
            .and(named("getSecret").or(named("getSecretWithResponse")))
            .and(takesArgument(0, String.class)),
        getClass().getName() + "$GetSecretAdvice");
  }

  @SuppressWarnings("unused")
  public static class GetSecretAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RunningOperation<CredentialOperation, Obtained> onEnter(
        @Advice.This Object client, @Advice.AllArguments Object[] arguments) {
      return KeyVaultSecrets.start(client, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter RunningOperation<CredentialOperation, Obtained> fetch,
        @Advice.Return Object result,
        @Advice.Thrown Throwable error) {
      KeyVaultSecrets.end(fetch, result, error);
    }
  }
}
