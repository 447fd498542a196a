package dev.custody.instrumentation.springvault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.vault.support.VaultToken;

/**
 * {@code LifecycleAwareSessionManager.revoke(token)}: the session's token revoked, at shutdown or
 * on replacement.
 */
public final class LifecycleAwareSessionManagerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.vault.authentication.LifecycleAwareSessionManager");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("revoke").and(takesArguments(1)), getClass().getName() + "$RevokeAdvice");
  }

  @SuppressWarnings("unused")
  public static class RevokeAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(@Advice.Argument(0) VaultToken token) {
      return SpringVaultCalls.startTokenRevocation(token);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter VaultCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.end(null, error);
      }
    }
  }
}
