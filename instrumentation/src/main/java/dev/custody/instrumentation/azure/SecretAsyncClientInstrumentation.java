package dev.custody.instrumentation.azure;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;

/**
 * {@code SecretAsyncClient.getSecret} and {@code getSecretWithResponse} with a version argument:
 * the one-argument {@code getSecret(name)} only calls {@code getSecret(name, "")}.
 */
public final class SecretAsyncClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.azure.security.keyvault.secrets.SecretAsyncClient");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic()
            .and(named("getSecret").or(named("getSecretWithResponse")))
            .and(takesArgument(0, String.class))
            .and(takesArgument(1, String.class))
            .and(returns(named("reactor.core.publisher.Mono"))),
        getClass().getName() + "$GetSecretAdvice");
  }

  @SuppressWarnings("unused")
  public static class GetSecretAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object client,
        @Advice.AllArguments Object[] arguments,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Mono<?> read) {
      read = KeyVaultSecrets.observe(client, arguments, read);
    }
  }
}
