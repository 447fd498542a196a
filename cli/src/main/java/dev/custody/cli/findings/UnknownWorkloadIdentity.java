package dev.custody.cli.findings;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.core.CustodyAttributes;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.List;

/**
 * The case root names no workload ({@code custody.workload.id} is {@code unknown}, or absent):
 * nothing says as whom the agent ran.
 */
final class UnknownWorkloadIdentity implements CaseRule {

  @Override
  public List<CaseFinding> findIn(CaseSpans caseSpans) {
    return caseSpans.root().stream()
        .filter(UnknownWorkloadIdentity::unidentified)
        .map(
            root ->
                Rule.UNKNOWN_WORKLOAD_IDENTITY.finding(
                    root.spanId(),
                    "'%s' ran with no identified workload (custody.workload.id=%s)"
                        .formatted(
                            root.name(),
                            CaseSpans.text(root, CustodyAttributes.WORKLOAD_ID.getKey()))))
        .toList();
  }

  private static boolean unidentified(EvidenceSpan root) {
    String workload = CaseSpans.text(root, CustodyAttributes.WORKLOAD_ID.getKey());
    return workload == null
        || workload.isBlank()
        || workload.equals(CustodyAttributes.UNKNOWN_WORKLOAD);
  }
}
