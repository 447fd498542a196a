package dev.custody.core.policy;

import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DECISIONS;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;

import dev.custody.bootstrap.CaseRecord;
import io.opentelemetry.api.trace.Span;

/**
 * When a case ends: what its policy decisions came to. On the case root: {@code
 * custody.policy.decisions} (0 when no engine was asked), {@code custody.policy.decision} (the last
 * decision) and {@code custody.policy.denied=true} when any decision denied.
 */
public final class CasePolicy {

  private CasePolicy() {}

  public static void recordOn(Span caseRoot, CaseRecord record) {
    CaseRecord.Decisions decisions = record.decisions();
    caseRoot.setAttribute(POLICY_DECISIONS, decisions.count());
    if (decisions.count() == 0) {
      return;
    }
    caseRoot.setAttribute(POLICY_DECISION, decisions.last());
    if (decisions.denied()) {
      caseRoot.setAttribute(POLICY_DENIED, true);
    }
  }
}
