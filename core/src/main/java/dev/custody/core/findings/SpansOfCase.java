package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The spans of one case the rules read, in start order. */
public record SpansOfCase(String caseId, List<CaseSpan> spans) {

  public SpansOfCase {
    spans = spans.stream().sorted(Comparator.comparingLong(CaseSpan::startMicros)).toList();
  }

  public static SpansOfCase of(String caseId, List<? extends CaseSpan> spans) {
    return new SpansOfCase(caseId, List.copyOf(spans));
  }

  public Optional<CaseSpan> root() {
    return rootOf(spans);
  }

  /**
   * The case's root among its spans: the earliest agent invocation with none above it in the case
   * (the outermost, under the SERVER span of the request that started the case, if any); else the
   * earliest span.
   *
   * @param spans in start order
   */
  public static <S extends CaseSpan> Optional<S> rootOf(List<S> spans) {
    Map<String, S> byId = new HashMap<>();
    spans.forEach(span -> byId.put(span.spanId(), span));
    return spans.stream()
        .filter(SpansOfCase::isAgentInvocation)
        .filter(span -> !underAgentInvocation(span, byId))
        .findFirst()
        .or(() -> spans.stream().findFirst());
  }

  /** {@code gen_ai.operation.name=invoke_agent}, or a name saying so where a source drops it. */
  private static boolean isAgentInvocation(CaseSpan span) {
    String operation = CaseSpan.text(span, CustodyAttributes.GEN_AI_OPERATION_NAME.getKey());
    return operation != null
        ? operation.equals(CustodyAttributes.OPERATION_INVOKE_AGENT)
        : span.name() != null && span.name().startsWith(CustodyAttributes.OPERATION_INVOKE_AGENT);
  }

  private static boolean underAgentInvocation(CaseSpan span, Map<String, ? extends CaseSpan> byId) {
    Set<String> seen = new HashSet<>();
    for (CaseSpan parent = byId.get(span.parentSpanId());
        parent != null && seen.add(parent.spanId());
        parent = byId.get(parent.parentSpanId())) {
      if (isAgentInvocation(parent)) {
        return true;
      }
    }
    return false;
  }
}
