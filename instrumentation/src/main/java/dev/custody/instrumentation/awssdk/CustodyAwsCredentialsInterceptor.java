package dev.custody.instrumentation.awssdk;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;

import dev.custody.bootstrap.CredentialLedger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * In the SDK's global list beside the agent's tracing interceptor, in whatever order the SDK puts them (its list is
 * keyed by simple name: this one's must stay unique). So it only acts where the agent's span of the call is open
 * either way: before the request is sent, once the answer is read, when the call fails. It never changes the call;
 * what it records cannot fail it.
 */
public final class CustodyAwsCredentialsInterceptor implements ExecutionInterceptor {

  /** Names the credential the request is signed with, when an earlier call obtained it. */
  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    record(() -> {
      String used = CredentialLedger.credentialOf(AwsCall.signingAccessKeyId(attributes));
      if (used != null) {
        AwsCall.of(attributes).span().setAttribute(CREDENTIAL_USED, used);
      }
    });
  }

  @Override
  public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    record(() -> {
      AwsCall call = AwsCall.of(attributes);
      switch (call.service()) {
        case SecretsManagerFetches.SERVICE -> SecretsManagerFetches.answered(call, context.response());
        case StsSessions.SERVICE -> StsSessions.answered(call, context.request(), context.response());
        default -> {}
      }
    });
  }

  /** Names what a failed fetch asked for; the application gets the SDK's exception as it is. */
  @Override
  public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
    record(() -> {
      AwsCall call = AwsCall.of(attributes);
      switch (call.service()) {
        case SecretsManagerFetches.SERVICE ->
            SecretsManagerFetches.failed(call, context.request(), context.exception());
        case StsSessions.SERVICE -> StsSessions.failed(call, context.request(), context.exception());
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
