package dev.custody.cli.findings;

import static dev.custody.cli.findings.ReceivedSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.core.findings.CaseFinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsTest {

  private static final String ROOT = "00000000000000a1";
  private static final String POST = "00000000000000a2";

  /** An unknown workload paying with the one key every case presents. */
  private static CaseSpans payout(String caseId) {
    return new CaseSpans(
        caseId,
        List.of(
            span(ROOT, null, "invoke_agent OrdersAssistant", 0, "custody.workload.id", "unknown"),
            span(POST, ROOT, "POST", 5, "custody.credential.used", "secret/payments")));
  }

  @Test
  void acrossCasesAddsTheSharedCredentialAndTheVerifiersReportInTheRulesOrder() {
    TamperEvidence postModified =
        new TamperEvidence(List.of(POST), List.of(), List.of(), List.of());

    Map<String, List<CaseFinding>> findings =
        Findings.across(
            List.of(payout("case-a"), payout("case-b")), Map.of("case-a", postModified));

    assertThat(findings.keySet()).containsExactly("case-a", "case-b");
    assertThat(findings.get("case-a"))
        .extracting(CaseFinding::severity, CaseFinding::rule, CaseFinding::spanId)
        .containsExactly(
            tuple("high", "evidence-tampered", POST),
            tuple("medium", "unknown-workload-identity", ROOT),
            tuple("medium", "credential-shared-across-cases", POST));
    assertThat(findings.get("case-b"))
        .extracting(CaseFinding::rule)
        .containsExactly("unknown-workload-identity", "credential-shared-across-cases");
  }

  @Test
  void oneCaseWithoutTheVerifierHasOnlyTheRulesFindings() {
    assertThat(Findings.in(payout("case-a")))
        .extracting(CaseFinding::rule)
        .containsExactly("unknown-workload-identity");
  }
}
