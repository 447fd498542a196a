package dev.custody.core.policy;

import dev.custody.bootstrap.PolicyTally;

/**
 * What a policy engine answered: a decision, or a failure to decide.
 *
 * @param decision {@code allow}, {@code deny} or the kind of a result that is neither; null when
 *     the engine failed
 * @param decisionId the engine's id of the decision (OPA's decision log id), or null
 * @param policyId the policies that decided (Cedar or Verified Permissions policy ids), or null
 * @param reason why, as the engine says it, or null
 * @param revision the revision of the policies that decided, or null
 * @param errorType why the engine could not decide (its error code), or null
 */
public record PolicyVerdict(
    String decision,
    String decisionId,
    String policyId,
    String reason,
    String revision,
    String errorType) {

  public static final String ALLOW = PolicyTally.ALLOW;
  public static final String DENY = PolicyTally.DENY;

  public static PolicyVerdict decided(
      String decision, String decisionId, String policyId, String reason) {
    return new PolicyVerdict(decision, decisionId, policyId, reason, null, null);
  }

  public static PolicyVerdict failed(String errorType, String reason) {
    return new PolicyVerdict(null, null, null, reason, null, errorType);
  }

  public PolicyVerdict withRevision(String revision) {
    return new PolicyVerdict(decision, decisionId, policyId, reason, revision, errorType);
  }
}
