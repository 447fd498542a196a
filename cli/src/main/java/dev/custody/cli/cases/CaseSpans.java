package dev.custody.cli.cases;

import dev.custody.core.CustodyAttributes;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The spans of one case as a source gave them back (every service and JVM that carried its id), in
 * start order. Attribute values are strings, or lists of strings for arrays ({@link EvidenceSpan}).
 */
public record CaseSpans(String caseId, List<EvidenceSpan> spans) {

  public CaseSpans {
    spans = spans.stream().sorted(Comparator.comparingLong(EvidenceSpan::startMicros)).toList();
  }

  /**
   * The case's root: the earliest agent invocation with none above it in the case (the outermost,
   * under the SERVER span of the request that started the case, if any); else the earliest span.
   */
  public Optional<EvidenceSpan> root() {
    Map<String, EvidenceSpan> byId = new HashMap<>();
    spans.forEach(span -> byId.put(span.spanId(), span));
    return spans.stream()
        .filter(CaseSpans::isAgentInvocation)
        .filter(span -> !underAgentInvocation(span, byId))
        .findFirst()
        .or(() -> spans.stream().findFirst());
  }

  /** {@code gen_ai.operation.name=invoke_agent}, or a name saying so where a source drops it. */
  private static boolean isAgentInvocation(EvidenceSpan span) {
    String operation = text(span, CustodyAttributes.GEN_AI_OPERATION_NAME.getKey());
    return operation != null
        ? operation.equals(CustodyAttributes.OPERATION_INVOKE_AGENT)
        : span.name() != null && span.name().startsWith(CustodyAttributes.OPERATION_INVOKE_AGENT);
  }

  private static boolean underAgentInvocation(EvidenceSpan span, Map<String, EvidenceSpan> byId) {
    Set<String> seen = new HashSet<>();
    for (EvidenceSpan parent = byId.get(span.parentSpanId());
        parent != null && seen.add(parent.spanId());
        parent = byId.get(parent.parentSpanId())) {
      if (isAgentInvocation(parent)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value of {@code key} on {@code span} as a string (an array joined with commas), or null.
   */
  public static String text(EvidenceSpan span, String key) {
    Object value = span.attributes().get(key);
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return value == null ? null : value.toString();
  }

  /** The elements of array attribute {@code key} (a single value as one element), or none. */
  public static List<String> list(EvidenceSpan span, String key) {
    Object value = span.attributes().get(key);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(value.toString());
  }
}
