package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A case's spans as a tree: who is whose parent, and what the spans are to the rules. */
final class CaseTree {

  private final Map<String, CaseSpan> byId = new HashMap<>();

  CaseTree(SpansOfCase caseSpans) {
    caseSpans.spans().forEach(span -> byId.putIfAbsent(span.spanId(), span));
  }

  /** The span's ancestors in the case, its parent first. */
  List<CaseSpan> ancestors(CaseSpan span) {
    List<CaseSpan> ancestors = new ArrayList<>();
    CaseSpan parent = byId.get(span.parentSpanId());
    while (parent != null && ancestors.size() < byId.size()) {
      ancestors.add(parent);
      parent = byId.get(parent.parentSpanId());
    }
    return ancestors;
  }

  /** The innermost tool call the span runs in, not the span itself. */
  Optional<CaseSpan> enclosingTool(CaseSpan span) {
    return ancestors(span).stream().filter(CaseTree::isToolCall).findFirst();
  }

  boolean isAncestor(CaseSpan ancestor, CaseSpan span) {
    return ancestors(span).stream().anyMatch(a -> a.spanId().equals(ancestor.spanId()));
  }

  /** {@code execute_tool {tool}}, or MCP's {@code tools/call {tool}} on either side. */
  static boolean isToolCall(CaseSpan span) {
    String name = name(span);
    return name.startsWith(CustodyAttributes.OPERATION_EXECUTE_TOOL + " ")
        || name.startsWith(CustodyAttributes.MCP_TOOLS_CALL + " ");
  }

  /** A {@code policy_decision} span: it names the engine asked ({@code custody.policy.engine}). */
  static boolean isPolicyDecision(CaseSpan span) {
    return span.attributes().containsKey(CustodyAttributes.POLICY_ENGINE.getKey());
  }

  static boolean failed(CaseSpan span) {
    return "ERROR".equals(span.statusCode())
        || span.attributes().containsKey(CustodyAttributes.ERROR_TYPE.getKey());
  }

  static long end(CaseSpan span) {
    return span.startMicros() + span.durationMicros();
  }

  /** The tool's name: {@code gen_ai.tool.name}, else the span name's second word. */
  static String toolName(CaseSpan span) {
    String name = CaseSpan.text(span, CustodyAttributes.GEN_AI_TOOL_NAME.getKey());
    return name != null ? name : name(span).substring(name(span).indexOf(' ') + 1);
  }

  /** The span's name; a source may give none. */
  static String name(CaseSpan span) {
    return span.name() == null ? "" : span.name();
  }
}
