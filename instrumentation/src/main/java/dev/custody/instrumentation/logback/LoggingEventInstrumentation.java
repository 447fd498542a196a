package dev.custody.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code LoggingEvent.getMDCPropertyMap()}: the event keeps the MDC map it first hands out, on the
 * logging thread (an asynchronous appender asks there too, before it queues the event); the case
 * current then goes into that kept map, so the appender's thread writes the right case and a pooled
 * thread's next event carries none.
 */
public final class LoggingEventInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("ch.qos.logback.classic.spi.LoggingEvent");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("getMDCPropertyMap").and(takesArguments(0)), getClass().getName() + "$MdcAdvice");
  }

  @SuppressWarnings("unused")
  public static final class MdcAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> kept,
        @Advice.Return(readOnly = false) Map<String, String> mdc) {
      if (kept != null && !CaseIdInMdc.named(kept)) {
        Map<String, String> named = CaseIdInMdc.withCurrentCase(kept);
        if (named != kept) {
          kept = named;
          mdc = CaseIdInMdc.withCurrentCase(mdc);
        }
      }
    }
  }
}
