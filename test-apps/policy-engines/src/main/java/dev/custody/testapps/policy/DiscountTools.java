package dev.custody.testapps.policy;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.Value;
import dev.langchain4j.agent.tool.Tool;
import java.util.Map;
import java.util.Set;

/** The desk's tool that asks Cedar, in process, whether a discount may be given. */
public final class DiscountTools {

  /** policy0 permits alice's discounts; policy1 forbids any over 50. */
  static final String POLICIES =
      """
      permit(principal == Desk::User::"alice", action == Desk::Action::"discount", resource);
      forbid(principal, action, resource) when { context.amount > 50 };
      """;

  private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policies;

  DiscountTools() throws Exception {
    policies = PolicySet.parsePolicies(POLICIES);
  }

  @Tool("Gives a customer a discount of the amount")
  public String applyDiscount(String customer, long amount) throws AuthException {
    AuthorizationRequest request =
        new AuthorizationRequest(
            uid("Desk::User", customer),
            uid("Desk::Action", "discount"),
            uid("Desk::Orders", "all"),
            Map.<String, Value>of("amount", new PrimLong(amount)));
    AuthorizationResponse response = engine.isAuthorized(request, policies, Set.<Entity>of());
    return response.success.map(success -> success.isAllowed()).orElse(false)
        ? "gave " + customer + " a discount of " + amount
        : "not allowed to give that discount";
  }

  private static EntityUID uid(String type, String id) {
    return EntityUID.parse(type + "::\"" + id + "\"").orElseThrow();
  }
}
