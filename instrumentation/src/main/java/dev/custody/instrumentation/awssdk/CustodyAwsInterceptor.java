package dev.custody.instrumentation.awssdk;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;

import dev.custody.core.credentials.Credentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records what AWS SDK calls mean for the audit: the credentials they obtain and sign with, and the
 * policy decisions they ask Verified Permissions for.
 *
 * <p>In the SDK's global list beside the agent's tracing interceptor, in whatever order the SDK
 * puts them (its list is keyed by simple name: this one's must stay unique). So it only records on
 * the agent's span where that span is open either way: before the request is sent, once the answer
 * is read, when the call fails; before the call starts it only notes where a policy decision was
 * asked (Verified Permissions). It never changes the call; what it records cannot fail it.
 */
public final class CustodyAwsInterceptor implements ExecutionInterceptor {

  /** Notes when and where a policy decision was asked, before any span of the call starts. */
  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    record(
        () -> {
          AwsCall call = AwsCall.of(attributes);
          if (call.service().equals(VerifiedPermissionsDecisions.SERVICE)) {
            VerifiedPermissionsDecisions.asked(call, attributes);
          }
        });
  }

  /** Names the credential the request is signed with, when an earlier call obtained it. */
  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    record(
        () -> {
          String used = Credentials.idOf(AwsCall.signingAccessKeyId(attributes));
          if (used != null) {
            AwsCall.of(attributes).span().setAttribute(CREDENTIAL_USED, used);
          }
        });
  }

  @Override
  public void afterUnmarshalling(
      Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    record(
        () -> {
          AwsCall call = AwsCall.of(attributes);
          switch (call.service()) {
            case SecretsManagerFetches.SERVICE ->
                SecretsManagerFetches.answered(call, context.response());
            case StsSessions.SERVICE ->
                StsSessions.answered(call, context.request(), context.response());
            case VerifiedPermissionsDecisions.SERVICE ->
                VerifiedPermissionsDecisions.answered(
                    attributes, context.request(), context.response());
            default -> {}
          }
        });
  }

  /**
   * Names what a failed fetch or decision asked for; the application gets the SDK's exception as it
   * is.
   */
  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    record(
        () -> {
          AwsCall call = AwsCall.of(attributes);
          switch (call.service()) {
            case SecretsManagerFetches.SERVICE ->
                SecretsManagerFetches.failed(call, context.request(), context.exception());
            case StsSessions.SERVICE ->
                StsSessions.failed(call, context.request(), context.exception());
            case VerifiedPermissionsDecisions.SERVICE ->
                VerifiedPermissionsDecisions.failed(
                    attributes, context.request(), context.exception());
            default -> {}
          }
        });
    return context.exception();
  }

  private static void record(Runnable recording) {
    try {
      recording.run();
    } catch (Throwable unexpected) {
      // Recording never fails the application's call.
    }
  }
}
