package dev.custody.cli.findings;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.core.CustodyAttributes;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tool ran to completion (no ERROR, no {@code error.type}) although a policy said deny: in it (a
 * {@code policy_decision} that denied whose innermost tool call is this one, or {@code
 * custody.policy.denied=true} on the tool call itself) or above it (a deny decided in an enclosing
 * tool call before this one started). The case root's {@code custody.policy.denied} sums up the
 * whole case and says nothing about one tool.
 */
final class ToolDespiteDeny implements CaseRule {

  private static final String DENY = "deny";

  @Override
  public List<CaseFinding> findIn(CaseSpans caseSpans) {
    CaseTree tree = new CaseTree(caseSpans);
    List<EvidenceSpan> denials =
        caseSpans.spans().stream()
            .filter(CaseTree::isPolicyDecision)
            .filter(s -> DENY.equals(CaseSpans.text(s, CustodyAttributes.POLICY_DECISION.getKey())))
            .toList();
    List<CaseFinding> findings = new ArrayList<>();
    for (EvidenceSpan tool : caseSpans.spans()) {
      if (!CaseTree.isToolCall(tool) || CaseTree.failed(tool)) {
        continue;
      }
      denyOf(tool, denials, tree)
          .ifPresent(
              policy ->
                  findings.add(
                      Rule.TOOL_DESPITE_DENY.finding(
                          tool.spanId(),
                          "tool %s ran to completion although %s"
                              .formatted(CaseTree.toolName(tool), policy))));
    }
    return findings;
  }

  /** What denied the tool, in words, if anything did. */
  private static Optional<String> denyOf(
      EvidenceSpan tool, List<EvidenceSpan> denials, CaseTree tree) {
    for (EvidenceSpan denial : denials) {
      Optional<EvidenceSpan> askedIn = tree.enclosingTool(denial);
      if (askedIn.isEmpty()) {
        continue;
      }
      if (askedIn.get().spanId().equals(tool.spanId())) {
        return Optional.of("'%s' denied it%s".formatted(denial.name(), policy(denial)));
      }
      if (tree.isAncestor(askedIn.get(), tool) && CaseTree.end(denial) <= tool.startMicros()) {
        return Optional.of(
            "'%s' denied the tool call %s around it%s"
                .formatted(denial.name(), CaseTree.toolName(askedIn.get()), policy(denial)));
      }
    }
    if ("true".equals(CaseSpans.text(tool, CustodyAttributes.POLICY_DENIED.getKey()))) {
      return Optional.of("a policy decision in it denied (custody.policy.denied)");
    }
    return Optional.empty();
  }

  private static String policy(EvidenceSpan decision) {
    String id = CaseSpans.text(decision, CustodyAttributes.POLICY_ID.getKey());
    return id == null ? "" : " (policy " + id + ")";
  }
}
