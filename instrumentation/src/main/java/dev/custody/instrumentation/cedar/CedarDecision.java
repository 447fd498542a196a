package dev.custody.instrumentation.cedar;

import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.DetailedError;
import dev.custody.core.policy.PolicyDecisions;
import dev.custody.core.policy.PolicyQuery;
import dev.custody.core.policy.PolicyVerdict;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * One Cedar authorization: the request as Cedar prints it ({@code Request(User::"alice",
 * Action::"read", ...)}) is the input; the decision, the ids of the policies that determined it,
 * and evaluation errors as the reason. An answer that is a failure (no decision) is an error.
 */
public final class CedarDecision {

  private static final PolicyDecisions DECISIONS =
      new PolicyDecisions(CedarInstrumentationModule.INSTRUMENTATION_NAME);

  /** The {@code error.type} of an answer Cedar could not decide. */
  static final String FAILURE = "cedar_failure";

  private final Context context;
  private final PolicyQuery query;

  private CedarDecision(Context context, PolicyQuery query) {
    this.context = context;
    this.query = query;
  }

  /** The decision asked in the current context; null when suppressed. */
  public static CedarDecision start(AuthorizationRequest request) {
    PolicyQuery query = new PolicyQuery("cedar", null, null, String.valueOf(request), null);
    Context context = DECISIONS.start(Context.current(), query);
    return context == null ? null : new CedarDecision(context, query);
  }

  public static void end(CedarDecision decision, AuthorizationResponse response, Throwable error) {
    if (decision != null) {
      DECISIONS.end(
          decision.context, decision.query, response == null ? null : verdict(response), error);
    }
  }

  private static PolicyVerdict verdict(AuthorizationResponse response) {
    if (response.success.isEmpty()) {
      StringJoiner errors = new StringJoiner("; ");
      response.errors.ifPresent(list -> list.forEach(error -> errors.add(error.message)));
      return PolicyVerdict.failed(FAILURE, errors.length() == 0 ? null : errors.toString());
    }
    AuthorizationSuccessResponse success = response.success.get();
    StringJoiner errors = new StringJoiner("; ");
    for (AuthorizationSuccessResponse.AuthorizationError error : success.getErrors()) {
      DetailedError detail = error.getError();
      errors.add(error.getPolicyId() + ": " + (detail == null ? "error" : detail.message));
    }
    List<String> policies = success.getReason().stream().sorted().toList();
    return PolicyVerdict.decided(
        success.getDecision().name().toLowerCase(Locale.ROOT),
        null,
        policies.isEmpty() ? null : String.join(",", policies),
        errors.length() == 0 ? null : errors.toString());
  }
}
