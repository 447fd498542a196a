package dev.custody.instrumentation.cedar;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code BasicAuthorizationEngine.isAuthorized(request, policies, Set<Entity>)}; the overload
 * taking {@code Entities} calls this one.
 */
public final class BasicAuthorizationEngineInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.cedarpolicy.BasicAuthorizationEngine");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("isAuthorized").and(takesArguments(3)).and(takesArgument(2, named("java.util.Set"))),
        getClass().getName() + "$IsAuthorizedAdvice");
  }

  @SuppressWarnings("unused")
  public static final class IsAuthorizedAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static CedarDecision enter(@Advice.Argument(0) AuthorizationRequest request) {
      return CedarDecision.start(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter CedarDecision decision,
        @Advice.Return AuthorizationResponse response,
        @Advice.Thrown Throwable error) {
      CedarDecision.end(decision, response, error);
    }
  }
}
