package dev.custody.instrumentation.opa;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * OPA decisions asked over its REST API with OkHttp 3.14+ (4, 5): every client gets an application
 * interceptor, which runs before the agent's network interceptor, so the decision is the parent of
 * the agent's HTTP span.
 */
public final class OpaOkHttpInstrumentationModule extends InstrumentationModule {

  public OpaOkHttpInstrumentationModule() {
    super("custody-opa", "custody-opa-okhttp", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("okhttp3.Interceptor", "okhttp3.RequestBody");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new OkHttpClientBuilderInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return OpaJdkHttpClientInstrumentationModule.withDecisionHelpers(
        "dev.custody.instrumentation.opa.OpaOkHttpInterceptor");
  }
}
