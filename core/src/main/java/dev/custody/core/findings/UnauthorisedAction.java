package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool wrote outside the process ({@link OutboundWrite}) in a case that asked no policy engine
 * anything: no {@code policy_decision} span, and no {@code custody.policy.decisions} on the root.
 * One finding per tool, on its first write. The HTTP request that carries an MCP call, and a model
 * call (a sub-agent's {@code chat} and its HTTP request), are how the tool reaches its tool or its
 * model, not writes of its own.
 */
final class UnauthorisedAction implements CaseRule {

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    if (askedForDecisions(caseSpans)) {
      return List.of();
    }
    CaseTree tree = new CaseTree(caseSpans);
    Map<String, List<Write>> writesByTool = new LinkedHashMap<>();
    for (CaseSpan span : caseSpans.spans()) {
      Optional<CaseSpan> tool = tree.enclosingTool(span);
      if (tool.isEmpty()
          || isMcpTransport(span, tool.get())
          || inModelCall(span, tool.get(), tree)) {
        continue;
      }
      OutboundWrite.of(span)
          .ifPresent(
              what ->
                  writesByTool
                      .computeIfAbsent(tool.get().spanId(), id -> new ArrayList<>())
                      .add(new Write(tool.get(), span, what)));
    }
    List<CaseFinding> findings = new ArrayList<>();
    writesByTool.forEach(
        (toolId, writes) -> {
          Write first = writes.get(0);
          findings.add(
              Rule.UNAUTHORISED_ACTION.finding(
                  first.span().spanId(),
                  "tool %s %s%s with no policy decision in the case"
                      .formatted(
                          CaseTree.toolName(first.tool()), first.what(), more(writes.size() - 1))));
        });
    return findings;
  }

  private static String more(int writes) {
    return switch (writes) {
      case 0 -> "";
      case 1 -> " and made 1 more write";
      default -> " and made " + writes + " more writes";
    };
  }

  private static boolean askedForDecisions(SpansOfCase caseSpans) {
    if (caseSpans.spans().stream().anyMatch(CaseTree::isPolicyDecision)) {
      return true;
    }
    String decisions =
        caseSpans
            .root()
            .map(root -> CaseSpan.text(root, CustodyAttributes.POLICY_DECISIONS.getKey()))
            .orElse(null);
    return decisions != null && !decisions.strip().matches("0*");
  }

  private static boolean isMcpTransport(CaseSpan span, CaseSpan tool) {
    return span.parentSpanId() != null
        && span.parentSpanId().equals(tool.spanId())
        && "CLIENT".equals(tool.kind())
        && CaseTree.name(tool).startsWith(CustodyAttributes.MCP_TOOLS_CALL + " ");
  }

  private static boolean inModelCall(CaseSpan span, CaseSpan tool, CaseTree tree) {
    return isModelCall(span)
        || tree.ancestors(span).stream()
            .takeWhile(ancestor -> !ancestor.spanId().equals(tool.spanId()))
            .anyMatch(UnauthorisedAction::isModelCall);
  }

  /** A span with a GenAI operation other than an agent's or a tool's: {@code chat}, ... */
  private static boolean isModelCall(CaseSpan span) {
    String operation = CaseSpan.text(span, CustodyAttributes.GEN_AI_OPERATION_NAME.getKey());
    return operation != null
        && !operation.equals(CustodyAttributes.OPERATION_INVOKE_AGENT)
        && !operation.equals(CustodyAttributes.OPERATION_EXECUTE_TOOL);
  }

  private record Write(CaseSpan tool, CaseSpan span, String what) {}
}
