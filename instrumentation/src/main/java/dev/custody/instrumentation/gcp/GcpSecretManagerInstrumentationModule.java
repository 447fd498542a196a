package dev.custody.instrumentation.gcp;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/** GCP Secret Manager: each access to a secret version is a credential fetch. */
public final class GcpSecretManagerInstrumentationModule extends InstrumentationModule {

  public GcpSecretManagerInstrumentationModule() {
    super("custody-gcp-secretmanager", "custody-gcp-secretmanager-2.85", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // any API version's client; gax and protobuf come with each
    return hasClassesNamed("com.google.cloud.secretmanager.v1.SecretManagerServiceClient")
        .or(hasClassesNamed("com.google.cloud.secretmanager.v1beta2.SecretManagerServiceClient"))
        .or(hasClassesNamed("com.google.cloud.secretmanager.v1beta1.SecretManagerServiceClient"));
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new DirectCallableInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi("dev.custody.instrumentation.gcp.SecretManagerCalls");
  }
}
