package dev.custody.instrumentation.azure;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Azure Identity: each access token fetched from the identity provider is a credential fetch, and
 * each Azure SDK request presenting one names it.
 */
public final class AzureIdentityInstrumentationModule extends InstrumentationModule {

  public AzureIdentityInstrumentationModule() {
    super("custody-azure-identity", "custody-azure-identity-1.18", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.azure.identity.implementation.MsalToken",
        "com.microsoft.aad.msal4j.AuthenticationResultMetadata");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new TokenCredentialInstrumentation(), new AzureRequestSpanInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.azure.AzureTokens",
        "dev.custody.instrumentation.azure.AzureTokens$1");
  }
}
