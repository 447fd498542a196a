package dev.custody.cli.findings;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.core.findings.CaseFinding;
import dev.custody.core.findings.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The integrity verifier found the case's evidence modified, forged or missing: one finding per
 * modified or forged span, on that span; one for the missing numbers and one per broken checkpoint,
 * on the case root.
 */
final class EvidenceTampered {

  List<CaseFinding> findIn(CaseSpans caseSpans, TamperEvidence evidence) {
    List<CaseFinding> findings = new ArrayList<>();
    onEachSpan(
        findings, evidence.modified(), " was changed after export: its checkpoint signed another");
    onEachSpan(
        findings, evidence.forged(), " carries a number its checkpoint signed for another span");
    String rootId = caseSpans.root().map(root -> root.spanId()).orElse(null);
    if (!evidence.missing().isEmpty()) {
      findings.add(
          Rule.EVIDENCE_TAMPERED.finding(
              rootId,
              "spans of the case are missing: numbers " + String.join(", ", evidence.missing())));
    }
    evidence
        .problems()
        .forEach(problem -> findings.add(Rule.EVIDENCE_TAMPERED.finding(rootId, problem)));
    return findings;
  }

  private static void onEachSpan(List<CaseFinding> findings, List<String> spanIds, String what) {
    spanIds.forEach(
        spanId -> findings.add(Rule.EVIDENCE_TAMPERED.finding(spanId, "span " + spanId + what)));
  }
}
