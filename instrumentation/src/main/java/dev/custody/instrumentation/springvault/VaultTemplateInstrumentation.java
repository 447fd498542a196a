package dev.custody.instrumentation.springvault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.instrumentation.vaultshared.VaultCall;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.vault.support.VaultResponseSupport;

/**
 * {@code VaultTemplate.read(path)} and {@code read(path, type)}: a secret read, by the application
 * or a container.
 */
public final class VaultTemplateInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.vault.core.VaultTemplate");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("read")
            .and(takesArgument(0, String.class))
            .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, Class.class)))),
        getClass().getName() + "$ReadAdvice");
  }

  @SuppressWarnings("unused")
  public static class ReadAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static VaultCall onEnter(@Advice.Argument(0) String path) {
      return SpringVaultCalls.startRead(path);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter VaultCall call,
        @Advice.FieldValue("sessionManager") Object sessionManager,
        @Advice.Return VaultResponseSupport<?> response,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        SpringVaultCalls.endRead(call, sessionManager, response, error);
      }
    }
  }
}
