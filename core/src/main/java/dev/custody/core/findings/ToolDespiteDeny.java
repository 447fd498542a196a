package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.escalations.Escalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tool went on although a policy said deny. A tool that did not fail ran to completion despite a
 * deny in it (a {@code policy_decision} that denied whose innermost tool call is this one, or
 * {@code custody.policy.denied=true} on the tool call itself) or above it (a deny decided in an
 * enclosing tool call before this one started). A tool that failed only because Custody saw a deny
 * in it ({@code error.type=policy_denied}) went on when it started something after the deny ended,
 * outside any decision. A human's denial (an escalation answered {@code denied}) binds the tool
 * that asked: it may still complete (saying it did not act), but not start anything after the
 * answer. The case root's {@code custody.policy.denied} sums up the whole case and says nothing
 * about one tool.
 */
final class ToolDespiteDeny implements CaseRule {

  private static final String DENY = "deny";

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    CaseTree tree = new CaseTree(caseSpans);
    List<CaseSpan> denials =
        caseSpans.spans().stream()
            .filter(CaseTree::isPolicyDecision)
            .filter(s -> DENY.equals(CaseSpan.text(s, CustodyAttributes.POLICY_DECISION.getKey())))
            .toList();
    List<CaseSpan> deniedEscalations =
        caseSpans.spans().stream()
            .filter(
                s ->
                    Escalation.DENIED.equals(
                        CaseSpan.text(s, CustodyAttributes.ESCALATION_OUTCOME.getKey())))
            .toList();
    List<CaseFinding> findings = new ArrayList<>();
    for (CaseSpan tool : caseSpans.spans()) {
      if (!CaseTree.isToolCall(tool)) {
        continue;
      }
      Optional<String> despite;
      if (stoppedByDeny(tool)) {
        despite = actedAfterDeny(tool, denials, caseSpans.spans(), tree);
      } else if (CaseTree.failed(tool)) {
        continue;
      } else {
        despite =
            denyOf(tool, denials, tree)
                .map(policy -> "ran to completion although " + policy)
                .or(() -> actedAfterDeny(tool, deniedEscalations, caseSpans.spans(), tree));
      }
      despite.ifPresent(
          what ->
              findings.add(
                  Rule.TOOL_DESPITE_DENY.finding(
                      tool.spanId(), "tool %s %s".formatted(CaseTree.toolName(tool), what))));
    }
    return findings;
  }

  /** Custody marked the tool as failed for a deny in it, and nothing else failed it. */
  private static boolean stoppedByDeny(CaseSpan tool) {
    return CustodyAttributes.POLICY_DENIED_ERROR.equals(
        CaseSpan.text(tool, CustodyAttributes.ERROR_TYPE.getKey()));
  }

  /**
   * What the tool started after a deny in it (a policy's or a human's) ended, outside any decision,
   * in words, if any.
   */
  private static Optional<String> actedAfterDeny(
      CaseSpan tool, List<CaseSpan> denials, List<CaseSpan> spans, CaseTree tree) {
    for (CaseSpan denial : denials) {
      if (!tree.enclosingTool(denial).map(t -> t.spanId().equals(tool.spanId())).orElse(false)) {
        continue;
      }
      for (CaseSpan span : spans) {
        if (span.startMicros() >= CaseTree.end(denial)
            && tree.isAncestor(tool, span)
            && !CaseTree.isPolicyDecision(span)
            && tree.ancestors(span).stream().noneMatch(CaseTree::isPolicyDecision)) {
          return Optional.of(
              "went on after '%s' denied it%s: '%s'"
                  .formatted(denial.name(), policy(denial), CaseTree.name(span)));
        }
      }
    }
    return Optional.empty();
  }

  /** What denied the tool, in words, if anything did. */
  private static Optional<String> denyOf(CaseSpan tool, List<CaseSpan> denials, CaseTree tree) {
    for (CaseSpan denial : denials) {
      Optional<CaseSpan> askedIn = tree.enclosingTool(denial);
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
    if ("true".equals(CaseSpan.text(tool, CustodyAttributes.POLICY_DENIED.getKey()))) {
      return Optional.of("a policy decision in it denied (custody.policy.denied)");
    }
    return Optional.empty();
  }

  private static String policy(CaseSpan decision) {
    String id = CaseSpan.text(decision, CustodyAttributes.POLICY_ID.getKey());
    return id == null ? "" : " (policy " + id + ")";
  }
}
