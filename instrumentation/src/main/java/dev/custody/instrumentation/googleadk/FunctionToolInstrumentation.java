package dev.custody.instrumentation.googleadk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code FunctionTool.call(args, toolContext)}, which invokes the tool's method: what it throws,
 * {@code runAsync} turns into an ordinary result ({@code "status": "error"}), so ADK's span would
 * not show the failure.
 */
public final class FunctionToolInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.google.adk.tools.FunctionTool");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("call").and(takesArguments(2)), getClass().getName() + "$CallAdvice");
  }

  @SuppressWarnings("unused")
  public static final class CallAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Thrown Throwable error) {
      if (error != null) {
        GoogleAdkCalls.toolThrew(error);
      }
    }
  }
}
