package dev.custody.instrumentation.jbosslogmanager;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JBoss LogManager (WildFly, Quarkus, or any app that makes it the JUL log manager): a record
 * logged in a case holds {@code custody.case.id} in its MDC, beside the stock agent's {@code
 * trace_id} and {@code span_id}, so {@code %X{custody.case.id}} in a pattern names the case.
 */
public final class JbossLogManagerMdcInstrumentationModule extends InstrumentationModule {

  public JbossLogManagerMdcInstrumentationModule() {
    super("custody-jboss-logmanager-mdc", "custody-jboss-logmanager-mdc-1.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("org.jboss.logmanager.ExtLogRecord");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new LoggerInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return List.of(
        "dev.custody.core.cases.CaseIds",
        "dev.custody.instrumentation.jbosslogmanager.CaseIdOnRecord");
  }
}
