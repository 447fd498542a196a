package dev.custody.instrumentation.vault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.response.DatabaseResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Database.creds(role)}: dynamic database credentials read at {@code <mount>/creds/<role>}.
 */
public final class DatabaseInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.jopenlibs.vault.api.database.Database");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("creds").and(takesArguments(1)), getClass().getName() + "$CredsAdvice");
  }

  @SuppressWarnings("unused")
  public static class CredsAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(
        @Advice.FieldValue("mountPath") String mount, @Advice.Argument(0) String role) {
      return VaultDriverCalls.startRead(mount + "/creds/" + role);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter VaultCall call,
        @Advice.FieldValue("config") VaultConfig config,
        @Advice.Return DatabaseResponse response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        VaultDriverCalls.endRead(call, config, response, error);
      }
    }
  }
}
