package dev.custody.instrumentation.opa;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * OPA decisions asked over its REST API with the JDK's {@code HttpClient}. Apart from the OkHttp
 * module because its helpers live where the JDK client is loaded (the platform class loader), where
 * OkHttp types cannot be defined.
 */
public final class OpaJdkHttpClientInstrumentationModule extends InstrumentationModule {

  static final String INSTRUMENTATION_NAME = "dev.custody.opa";

  public OpaJdkHttpClientInstrumentationModule() {
    super("custody-opa", "custody-opa-java-http-client", "custody");
  }

  /**
   * Outside the agent's own {@code HttpClient} advice, so that the decision is the parent of its
   * HTTP span.
   */
  @Override
  public int order() {
    return -1;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HttpClientImplInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return withDecisionHelpers(
        "dev.custody.instrumentation.opa.JdkOpaCalls",
        "dev.custody.instrumentation.opa.JdkOpaCalls$BodyReader",
        "dev.custody.instrumentation.opa.JdkOpaCalls$CopyingSubscriber");
  }

  /**
   * The case API, a client's own helpers, then what reads OPA's requests and answers, which every
   * client shares.
   */
  static List<String> withDecisionHelpers(String... clientHelpers) {
    List<String> helpers = CoreHelpers.withCaseApi(clientHelpers);
    helpers.addAll(
        List.of(
            "dev.custody.instrumentation.opa.OpaCall",
            "dev.custody.instrumentation.opa.BoundedCopy",
            "dev.custody.instrumentation.opa.OpaRequest",
            "dev.custody.instrumentation.opa.OpaRequest$Kind",
            "dev.custody.instrumentation.opa.OpaAnswers"));
    return helpers;
  }
}
