package dev.custody.instrumentation.spiffe;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * java-spiffe: the SVIDs an application gets from the SPIFFE Workload API, X.509 and JWT, as
 * credential fetches.
 */
public final class SpiffeInstrumentationModule extends InstrumentationModule {

  public SpiffeInstrumentationModule() {
    super("custody-spiffe", "custody-spiffe-0.8", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "io.spiffe.workloadapi.DefaultWorkloadApiClient",
        "io.spiffe.workloadapi.DefaultX509Source");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new X509SourceInstrumentation(), new WorkloadApiClientInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.spiffe.SpiffeSvids",
        "dev.custody.instrumentation.spiffe.SpiffeSvids$Rotation",
        "dev.custody.instrumentation.spiffe.SpiffeSvids$SourceFetch");
  }
}
