package dev.custody.core.policy;

import static dev.custody.core.CustodyAttributes.POLICY_ALLOWED_COUNT;
import static dev.custody.core.CustodyAttributes.POLICY_DECISIONS;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_BY;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_COUNT;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.PolicyTally;
import io.opentelemetry.api.trace.Span;

/**
 * When a case ends: what its policy decisions came to. On the case root: {@code
 * custody.policy.decisions} (0 when no engine was asked), how many allowed and denied ({@code
 * custody.policy.allowed_count}, {@code custody.policy.denied_count}) and, when any denied, {@code
 * custody.policy.denied=true} and the policies that did ({@code custody.policy.denied_by}).
 */
public final class CasePolicy {

  private CasePolicy() {}

  public static void recordOn(Span caseRoot, CaseRecord record) {
    PolicyTally.Summary decisions = record.decisions().summary();
    caseRoot.setAttribute(POLICY_DECISIONS, decisions.decisions());
    caseRoot.setAttribute(POLICY_ALLOWED_COUNT, decisions.allowed());
    caseRoot.setAttribute(POLICY_DENIED_COUNT, decisions.denied());
    if (decisions.denied() == 0) {
      return;
    }
    caseRoot.setAttribute(POLICY_DENIED, true);
    if (!decisions.deniedBy().isEmpty()) {
      caseRoot.setAttribute(POLICY_DENIED_BY, decisions.deniedBy());
    }
  }
}
