package dev.custody.instrumentation.logback;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Logback: the MDC of a logging event made in a case holds {@code custody.case.id}, beside the
 * stock agent's {@code trace_id} and {@code span_id}, so {@code %X{custody.case.id}} in a pattern
 * and every appender that writes the MDC name the case.
 */
public final class LogbackMdcInstrumentationModule extends InstrumentationModule {

  public LogbackMdcInstrumentationModule() {
    super("custody-logback-mdc", "custody-logback-mdc-1.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("ch.qos.logback.classic.spi.LoggingEvent");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new LoggingEventInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return List.of(
        "dev.custody.core.cases.CaseIds", "dev.custody.instrumentation.logback.CaseIdInMdc");
  }
}
