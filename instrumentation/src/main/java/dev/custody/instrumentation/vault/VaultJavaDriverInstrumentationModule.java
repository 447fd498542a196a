package dev.custody.instrumentation.vault;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * vault-java-driver ({@code io.github.jopenlibs}, 5.x and 6.x): secrets read, database credentials
 * and tokens obtained as {@code fetch vault} spans; token and lease revocations as {@code revoke
 * vault} spans.
 */
public final class VaultJavaDriverInstrumentationModule extends InstrumentationModule {

  public VaultJavaDriverInstrumentationModule() {
    super("custody-vault-java-driver", "custody-vault-java-driver-5.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "io.github.jopenlibs.vault.api.Logical", "io.github.jopenlibs.vault.api.sys.Leases");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new LogicalInstrumentation(),
        new DatabaseInstrumentation(),
        new AuthInstrumentation(),
        new LeasesInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withVaultApi("dev.custody.instrumentation.vault.VaultDriverCalls");
  }
}
