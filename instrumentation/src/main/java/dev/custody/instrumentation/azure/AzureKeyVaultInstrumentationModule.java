package dev.custody.instrumentation.azure;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/** Azure Key Vault secrets: each secret read is a credential fetch. */
public final class AzureKeyVaultInstrumentationModule extends InstrumentationModule {

  public AzureKeyVaultInstrumentationModule() {
    super("custody-azure-keyvault-secrets", "custody-azure-keyvault-secrets-4.11", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("com.azure.security.keyvault.secrets.SecretClient");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new SecretClientInstrumentation(), new SecretAsyncClientInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.reactor.RecordingFlux",
        "dev.custody.instrumentation.azure.KeyVaultSecrets",
        "dev.custody.instrumentation.azure.SecretFetchFlux",
        "dev.custody.instrumentation.azure.SecretFetchFlux$Fetch");
  }
}
