package dev.custody.instrumentation.springvault;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code LoginTokenUtil.from(token, auth)}: every login's answer passes here, with the entity id it
 * names.
 */
public final class LoginTokenUtilInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.vault.authentication.LoginTokenUtil");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("from").and(takesArguments(2)).and(takesArgument(1, Map.class)),
        getClass().getName() + "$FromAdvice");
  }

  @SuppressWarnings("unused")
  public static class FromAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(1) Map<String, ?> auth) {
      SpringVaultCalls.loginAnswered(auth);
    }
  }
}
