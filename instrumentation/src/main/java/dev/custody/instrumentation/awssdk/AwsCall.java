package dev.custody.instrumentation.awssdk;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_KIND;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;

import dev.custody.core.AgentInternals;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SelectedAuthScheme;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.Identity;

/**
 * One AWS SDK call as the interceptor sees it: its service ({@code SecretsManager}, {@code
 * Sts}...), its operation, and the agent's span of it with that span's context (whose baggage names
 * the case). Without the agent's span (its AWS instrumentation off or suppressed) the span is
 * invalid, so nothing is recorded on another one, and the context is the current one.
 */
record AwsCall(String service, String operation, Context context, Span span) {

  /**
   * The agent's attribute key, found by name: the SDK allows only one attribute of a name, so it
   * cannot be made.
   */
  private static volatile ExecutionAttribute<?> agentContextKey;

  static AwsCall of(ExecutionAttributes attributes) {
    Context agentContext = agentContext(attributes);
    return new AwsCall(
        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)),
        String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)),
        agentContext != null ? agentContext : Context.current(),
        agentContext != null ? Span.fromContext(agentContext) : Span.getInvalid());
  }

  /**
   * Marks the agent's span as a failed fetch of {@code requestedId} (null when several were asked
   * for) with the SDK's exception; the agent's own end of the span makes it an error.
   */
  void fetchFailed(String provider, String kind, String requestedId, Throwable error) {
    span.setAttribute(CREDENTIAL_PROVIDER, provider);
    span.setAttribute(CREDENTIAL_KIND, kind);
    if (requestedId != null) {
      span.setAttribute(CREDENTIAL_ID, requestedId);
    }
    span.setAttribute(ERROR_TYPE, error.getClass().getName());
  }

  /**
   * The access key id the call is signed with, once its identity is resolved; null when unsigned or
   * unknown.
   */
  static String signingAccessKeyId(ExecutionAttributes attributes) {
    SelectedAuthScheme<?> scheme =
        attributes.getAttribute(SdkInternalExecutionAttribute.SELECTED_AUTH_SCHEME);
    if (scheme == null) {
      return null;
    }
    CompletableFuture<? extends Identity> identity = scheme.identity();
    if (!identity.isDone() || identity.isCompletedExceptionally()) {
      return null;
    }
    return identity.getNow(null) instanceof AwsCredentialsIdentity credentials
        ? credentials.accessKeyId()
        : null;
  }

  private static Context agentContext(ExecutionAttributes attributes) {
    ExecutionAttribute<?> key = agentContextKey;
    if (key == null) {
      for (ExecutionAttribute<?> candidate : attributes.getAttributes().keySet()) {
        if (AgentInternals.isAwsSdkSpanContextAttribute(candidate)) {
          agentContextKey = key = candidate;
          break;
        }
      }
    }
    return key != null && attributes.getAttributes().get(key) instanceof Context context
        ? context
        : null;
  }
}
