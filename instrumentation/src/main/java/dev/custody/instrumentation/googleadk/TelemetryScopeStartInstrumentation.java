package dev.custody.instrumentation.googleadk;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import com.google.adk.telemetry.Instrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The constructors of {@code Instrumentation.AgentInvocation} and {@code ToolExecution}, which
 * start ADK's {@code invoke_agent} and {@code execute_tool} spans and make them current: the first
 * agent span in a case becomes its root, a tool span is remembered to be completed as it closes.
 */
public final class TelemetryScopeStartInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        "com.google.adk.telemetry.Instrumentation$AgentInvocation",
        "com.google.adk.telemetry.Instrumentation$ToolExecution");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(isConstructor(), getClass().getName() + "$ConstructorAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ConstructorAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Instrumentation.ClosableTelemetryScope scope) {
      GoogleAdkCalls.started(scope);
    }
  }
}
