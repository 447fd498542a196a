package dev.custody.instrumentation.springvault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.vault.core.lease.domain.Lease;
import org.springframework.vault.core.lease.domain.RequestedSecret;

/**
 * {@code SecretLeaseContainer}: {@code onLeaseExpired}, where every lease it can no longer renew
 * ends (rotated in rotating mode, let run out otherwise), and {@code doRevokeLease}, where it
 * revokes the leases it holds.
 */
public final class SecretLeaseContainerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.vault.core.lease.SecretLeaseContainer");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("onLeaseExpired").and(takesArguments(2)), getClass().getName() + "$LeaseEndAdvice");
    transformer.applyAdviceToMethod(
        named("doRevokeLease").and(takesArguments(2)), getClass().getName() + "$RevokeAdvice");
  }

  @SuppressWarnings("unused")
  public static class LeaseEndAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(
        @Advice.Argument(0) RequestedSecret secret, @Advice.Argument(1) Lease lease) {
      return SpringVaultCalls.startLeaseEnd(secret, lease);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter VaultCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.end(null, error);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class RevokeAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(
        @Advice.Argument(0) RequestedSecret secret, @Advice.Argument(1) Lease lease) {
      return SpringVaultCalls.startLeaseRevocation(secret, lease);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter VaultCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.end(null, error);
      }
    }
  }
}
