package dev.custody.instrumentation.jbosslogmanager;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.jboss.logmanager.ExtLogRecord;

/**
 * {@code Logger.logRaw(ExtLogRecord)}, which every logging call of JBoss LogManager ends in, on the
 * logging thread: the record takes its own copy of the MDC there, with the current case's id, so an
 * asynchronous handler's thread writes the right case and the thread's own MDC is left as it was.
 */
public final class LoggerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.jboss.logmanager.Logger");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("logRaw").and(takesArgument(0, named("org.jboss.logmanager.ExtLogRecord"))),
        getClass().getName() + "$LogRawAdvice");
  }

  @SuppressWarnings("unused")
  public static final class LogRawAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ExtLogRecord record) {
      CaseIdOnRecord.putCurrentCase(record);
    }
  }
}
