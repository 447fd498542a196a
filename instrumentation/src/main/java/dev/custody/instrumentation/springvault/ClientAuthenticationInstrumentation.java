package dev.custody.instrumentation.springvault;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.vault.support.VaultToken;

/**
 * {@code ClientAuthentication.login()} of every auth method (AppRole, Kubernetes, AWS, ...): a
 * token fetched. A {@code TokenAuthentication} only hands over the token it was given.
 */
public final class ClientAuthenticationInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(
            named("org.springframework.vault.authentication.ClientAuthentication"))
        .and(not(named("org.springframework.vault.authentication.TokenAuthentication")));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("login").and(takesArguments(0)).and(not(isAbstract())),
        getClass().getName() + "$LoginAdvice");
  }

  @SuppressWarnings("unused")
  public static class LoginAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter() {
      return SpringVaultCalls.startLogin();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter VaultCall call,
        @Advice.Return VaultToken token,
        @Advice.Thrown Throwable error) {
      SpringVaultCalls.endLogin(call, token, error);
    }
  }
}
