package dev.custody.instrumentation.springvault;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring Vault (3.x, 4.x): secrets read and tokens obtained as {@code fetch vault} spans; the lease
 * container's expiries, rotations and revocations and the session manager's token revocations as
 * spans of their own.
 */
public final class SpringVaultInstrumentationModule extends InstrumentationModule {

  public SpringVaultInstrumentationModule() {
    super("custody-spring-vault", "custody-spring-vault-3.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "org.springframework.vault.core.VaultTemplate",
        "org.springframework.vault.authentication.LoginToken");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new VaultTemplateInstrumentation(),
        new ClientAuthenticationInstrumentation(),
        new LoginTokenUtilInstrumentation(),
        new SecretLeaseContainerInstrumentation(),
        new SecretLeaseEventPublisherInstrumentation(),
        new LifecycleAwareSessionManagerInstrumentation(),
        new AuthenticationEventPublisherInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withVaultApi("dev.custody.instrumentation.springvault.SpringVaultCalls");
  }
}
