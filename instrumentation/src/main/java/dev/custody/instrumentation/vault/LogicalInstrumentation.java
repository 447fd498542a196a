package dev.custody.instrumentation.vault;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Logical.read(path)} and {@code read(path, shouldRetry, version)}: a secret read at its
 * logical path.
 */
public final class LogicalInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.github.jopenlibs.vault.api.Logical");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("read")
            .and(isPublic())
            .and(takesArgument(0, String.class))
            .and(takesArguments(1).or(takesArguments(3))),
        getClass().getName() + "$ReadAdvice");
  }

  @SuppressWarnings("unused")
  public static class ReadAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(@Advice.Argument(0) String path) {
      return VaultDriverCalls.startRead(path);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter VaultCall call,
        @Advice.FieldValue("config") VaultConfig config,
        @Advice.Return LogicalResponse response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        VaultDriverCalls.endRead(call, config, response, error);
      }
    }
  }
}
