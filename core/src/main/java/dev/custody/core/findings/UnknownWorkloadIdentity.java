package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.List;

/**
 * The case root names no workload ({@code custody.workload.id} is {@code unknown}, or absent):
 * nothing says as whom the agent ran.
 */
final class UnknownWorkloadIdentity implements CaseRule {

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    return caseSpans.root().stream()
        .filter(UnknownWorkloadIdentity::unidentified)
        .map(
            root ->
                Rule.UNKNOWN_WORKLOAD_IDENTITY.finding(
                    root.spanId(),
                    "'%s' ran with no identified workload (custody.workload.id=%s)"
                        .formatted(
                            root.name(),
                            CaseSpan.text(root, CustodyAttributes.WORKLOAD_ID.getKey()))))
        .toList();
  }

  private static boolean unidentified(CaseSpan root) {
    String workload = CaseSpan.text(root, CustodyAttributes.WORKLOAD_ID.getKey());
    return workload == null
        || workload.isBlank()
        || workload.equals(CustodyAttributes.UNKNOWN_WORKLOAD);
  }
}
