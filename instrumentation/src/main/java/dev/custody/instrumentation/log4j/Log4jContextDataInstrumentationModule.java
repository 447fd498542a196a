package dev.custody.instrumentation.log4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.opentelemetry.javaagent.extension.instrumentation.HelperResourceBuilder;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Log4j 2.17+: a {@code ContextDataProvider} (found by Log4j's own service lookup, beside the stock
 * agent's) puts {@code custody.case.id} into the context data of every event logged in a case, so
 * {@code %X{custody.case.id}} and every layout that writes context data name the case.
 */
public final class Log4jContextDataInstrumentationModule extends InstrumentationModule {

  private static final String PROVIDER_SERVICE =
      "META-INF/services/org.apache.logging.log4j.core.util.ContextDataProvider";

  public Log4jContextDataInstrumentationModule() {
    super("custody-log4j-context-data", "custody-log4j-context-data-2.17", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "org.apache.logging.log4j.core.util.ContextDataProvider",
        "org.apache.logging.log4j.core.impl.ThreadContextDataInjector");
  }

  @Override
  public void registerHelperResources(HelperResourceBuilder helperResourceBuilder) {
    helperResourceBuilder.register(
        PROVIDER_SERVICE, "dev/custody/instrumentation/log4j/ContextDataProvider.service");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ProvidersLookup());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return List.of(
        "dev.custody.core.cases.CaseIds",
        "dev.custody.instrumentation.log4j.CaseIdContextDataProvider");
  }

  /**
   * The class that looks the providers up: matching it injects the provider into its class loader
   * before the lookup runs. Nothing in it changes.
   */
  static final class ProvidersLookup implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("org.apache.logging.log4j.core.impl.ThreadContextDataInjector");
    }

    @Override
    public void transform(TypeTransformer transformer) {}
  }
}
