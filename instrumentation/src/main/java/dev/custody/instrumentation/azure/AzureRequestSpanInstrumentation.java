package dev.custody.instrumentation.azure;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * azure-core's tracing policy, which starts the span of each HTTP request after the authentication
 * policy set its {@code Authorization} header.
 */
public final class AzureRequestSpanInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.azure.core.implementation.http.policy.InstrumentationPolicy");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("startSpan").and(takesArguments(1)), getClass().getName() + "$StartSpanAdvice");
  }

  @SuppressWarnings("unused")
  public static class StartSpanAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Argument(0) Object callContext, @Advice.Return Object span) {
      AzureTokens.requestSpanStarted(callContext, span);
    }
  }
}
