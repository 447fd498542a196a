package dev.custody.instrumentation.vault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code sys().leases()}: the revocation of a lease by its id, or of every lease under a prefix.
 */
public final class LeasesInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.jopenlibs.vault.api.sys.Leases");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("revoke").and(takesArguments(1)), getClass().getName() + "$RevokeAdvice");
    transformer.applyAdviceToMethod(
        namedOneOf("revokePrefix", "revokeForce").and(takesArguments(1)),
        getClass().getName() + "$RevokePrefixAdvice");
  }

  @SuppressWarnings("unused")
  public static class RevokeAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(@Advice.Argument(0) String leaseId) {
      return VaultDriverCalls.startRevokeLease(leaseId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter VaultCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        VaultDriverCalls.endRevoke(call, false, error);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class RevokePrefixAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(@Advice.Argument(0) String prefix) {
      return VaultDriverCalls.startRevokePrefix(prefix);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter VaultCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        VaultDriverCalls.endRevoke(call, true, error);
      }
    }
  }
}
