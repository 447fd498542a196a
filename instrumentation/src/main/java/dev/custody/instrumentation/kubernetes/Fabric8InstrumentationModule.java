package dev.custody.instrumentation.kubernetes;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Kubernetes service-account tokens read by the fabric8 client: each new token it configures itself
 * with from the projected token file is a credential fetch. Its {@code Config.tryServiceAccount} is
 * the one place that reads the file, when a client is configured in a pod and again whenever the
 * configuration is refreshed.
 */
public final class Fabric8InstrumentationModule extends InstrumentationModule {

  public Fabric8InstrumentationModule() {
    super("custody-kubernetes-fabric8", "custody-kubernetes", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("io.fabric8.kubernetes.client.Config");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new Fabric8ConfigInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.kubernetes.ServiceAccountTokens",
        "dev.custody.instrumentation.kubernetes.Fabric8ServiceAccounts");
  }
}
