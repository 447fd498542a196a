package dev.custody.instrumentation.opa;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * OPA decisions asked over its REST API with the JDK's {@code HttpURLConnection}, at a configured
 * endpoint. Its own module because its helpers live where the JDK's connection is loaded (the
 * bootstrap class loader).
 */
public final class OpaUrlConnectionInstrumentationModule extends InstrumentationModule {

  public OpaUrlConnectionInstrumentationModule() {
    super("custody-opa", "custody-opa-http-url-connection", "custody");
  }

  /**
   * Outside the agent's own {@code HttpURLConnection} advice, so that the decision is the parent of
   * its HTTP span.
   */
  @Override
  public int order() {
    return -1;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new UrlConnectionInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return OpaJdkHttpClientInstrumentationModule.withDecisionHelpers(
        "dev.custody.instrumentation.opa.UrlConnectionOpaCalls",
        "dev.custody.instrumentation.opa.UrlConnectionOpaCalls$Exchange",
        "dev.custody.instrumentation.opa.UrlConnectionOpaCalls$RequestCopy",
        "dev.custody.instrumentation.opa.UrlConnectionOpaCalls$AnswerCopy");
  }
}
