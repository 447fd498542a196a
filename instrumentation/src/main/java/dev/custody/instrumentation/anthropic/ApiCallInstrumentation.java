package dev.custody.instrumentation.anthropic;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The SDK's own traced call (2.72+), handed the parsed answer while its span is still open. */
public final class ApiCallInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.anthropic.core.opentelemetry.ApiCall");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("recordResponse").and(takesArguments(1)),
        getClass().getName() + "$RecordResponseAdvice");
  }

  @SuppressWarnings("unused")
  public static class RecordResponseAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object apiCall, @Advice.Argument(0) Object response)
        throws ReflectiveOperationException {
      AnthropicCalls.sdkSpanAnswered(apiCall, response);
    }
  }
}
