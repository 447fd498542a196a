package dev.custody.instrumentation.cedar;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Cedar (cedar-java 4.x), evaluated in process: each authorization question as a {@code
 * policy_decision cedar}.
 */
public final class CedarInstrumentationModule extends InstrumentationModule {

  static final String INSTRUMENTATION_NAME = "dev.custody.cedar-java-4";

  public CedarInstrumentationModule() {
    super("custody-cedar", "custody-cedar-java-4", "custody");
  }

  /** 4.x: its answers have a success part with diagnostics (3.x answers differ). */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.cedarpolicy.BasicAuthorizationEngine",
        "com.cedarpolicy.model.AuthorizationSuccessResponse");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new BasicAuthorizationEngineInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi("dev.custody.instrumentation.cedar.CedarDecision");
  }
}
