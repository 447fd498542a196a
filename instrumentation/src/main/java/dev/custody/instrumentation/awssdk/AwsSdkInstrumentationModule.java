package dev.custody.instrumentation.awssdk;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.HelperResourceBuilder;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * AWS SDK for Java v2: the credentials Secrets Manager and STS calls obtain, recorded on the
 * agent's own span of each call, and the credential every later call is signed with; the STS
 * credential providers' refreshes as spans of their own; Verified Permissions decisions as {@code
 * policy_decision avp} spans. An interceptor in the SDK's global list does the recording; advice
 * only wraps the providers' refreshes.
 */
public final class AwsSdkInstrumentationModule extends InstrumentationModule {

  static final String INSTRUMENTATION_NAME = "dev.custody.aws-sdk-2.2";

  /**
   * Where the SDK looks for the interceptors every client gets, in each class loader it is loaded
   * by.
   */
  private static final String GLOBAL_INTERCEPTORS =
      "software/amazon/awssdk/global/handlers/execution.interceptors";

  public AwsSdkInstrumentationModule() {
    super("custody-aws-sdk", "custody-aws-sdk-2.2", "custody");
  }

  /**
   * SDKs that sign with the identity-based auth schemes, whose signing identity the interceptor
   * reads.
   */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "software.amazon.awssdk.core.interceptor.ExecutionInterceptor",
        "software.amazon.awssdk.core.SelectedAuthScheme");
  }

  /**
   * Served beside the agent's own list (the SDK reads every copy of the resource), so ours is one
   * more.
   */
  @Override
  public void registerHelperResources(HelperResourceBuilder helperResources) {
    helperResources.register(
        GLOBAL_INTERCEPTORS, "dev/custody/instrumentation/awssdk/execution.interceptors");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new SdkClientInstrumentation(), new StsCredentialsProviderInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.awssdk.CustodyAwsInterceptor",
        "dev.custody.instrumentation.awssdk.AwsCall",
        "dev.custody.instrumentation.awssdk.SdkFields",
        "dev.custody.instrumentation.awssdk.SecretsManagerFetches",
        "dev.custody.instrumentation.awssdk.SecretMembers",
        "dev.custody.instrumentation.awssdk.SdkSecretMembers",
        "dev.custody.instrumentation.awssdk.StsSessions",
        "dev.custody.instrumentation.awssdk.StsRefreshes",
        "dev.custody.instrumentation.awssdk.StsRefreshes$FirstUse",
        "dev.custody.instrumentation.awssdk.StsRefreshes$Refresh",
        "dev.custody.instrumentation.awssdk.VerifiedPermissionsDecisions",
        "dev.custody.instrumentation.awssdk.VerifiedPermissionsDecisions$Asked");
  }
}
