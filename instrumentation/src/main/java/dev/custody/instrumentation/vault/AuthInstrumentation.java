package dev.custody.instrumentation.vault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Auth}: each login, and each token created, is a token fetched; {@code revokeSelf} revokes
 * the token the client presents. The overloads that take the mount make the HTTP call: the others
 * (and LDAP, Kubernetes and GCP logins) delegate to them.
 */
public final class AuthInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.jopenlibs.vault.api.Auth");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(innermostLogins(), getClass().getName() + "$LoginAdvice");
    transformer.applyAdviceToMethod(
        named("revokeSelf").and(takesArguments(1)), getClass().getName() + "$RevokeSelfAdvice");
  }

  private static ElementMatcher<MethodDescription> innermostLogins() {
    return namedOneOf("loginByAppRole", "loginByAppID", "loginByUserPass")
        .and(takesArguments(3))
        .or(named("loginByJwt").and(takesArguments(4)))
        .or(named("loginByGithub").and(takesArguments(2)))
        .or(named("loginByCert").and(takesArguments(1)))
        .or(namedOneOf("loginByAwsEc2", "loginByAwsIam"))
        .or(named("createToken").and(takesArguments(2)).and(takesArgument(1, String.class)));
  }

  @SuppressWarnings("unused")
  public static class LoginAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(
        @Advice.Origin("#m") String method, @Advice.AllArguments Object[] arguments) {
      return VaultDriverCalls.startLogin(method, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter VaultCall call,
        @Advice.Return AuthResponse response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        VaultDriverCalls.endLogin(call, response, error);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class RevokeSelfAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(@Advice.FieldValue("config") VaultConfig config) {
      return VaultDriverCalls.startRevokeSelf(config);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.Enter VaultCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        VaultDriverCalls.endRevoke(call, false, error);
      }
    }
  }
}
