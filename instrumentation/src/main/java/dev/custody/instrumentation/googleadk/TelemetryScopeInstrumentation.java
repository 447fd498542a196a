package dev.custody.instrumentation.googleadk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.google.adk.telemetry.Instrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Instrumentation.ClosableTelemetryScope.close()}, which ends ADK's agent and tool spans:
 * before it does, the case root gets its verdicts and a tool span its call id and error type.
 */
public final class TelemetryScopeInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.google.adk.telemetry.Instrumentation$ClosableTelemetryScope");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("close").and(takesArguments(0)), getClass().getName() + "$CloseAdvice");
  }

  @SuppressWarnings("unused")
  public static final class CloseAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(
        @Advice.This Instrumentation.ClosableTelemetryScope scope,
        @Advice.FieldValue("caughtError") Throwable error,
        @Advice.FieldValue("telemetryContext") Instrumentation.TelemetryContext telemetry) {
      GoogleAdkCalls.ending(scope, error, telemetry);
    }
  }
}
