package dev.custody.cli.cases;

import dev.custody.core.CustodyAttributes;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The spans of one case as a source gave them back (every service and JVM that carried its id), in
 * start order. Attribute values are strings, or lists of strings for arrays ({@link EvidenceSpan}).
 */
public record CaseSpans(String caseId, List<EvidenceSpan> spans) {

  public CaseSpans {
    spans = spans.stream().sorted(Comparator.comparingLong(EvidenceSpan::startMicros)).toList();
  }

  /**
   * The case's root: the earliest {@code invoke_agent} span whose parent is not in the case (the
   * outermost agent invocation); else the earliest span.
   */
  public Optional<EvidenceSpan> root() {
    return spans.stream()
        .filter(span -> span.name() != null)
        .filter(span -> span.name().startsWith(CustodyAttributes.OPERATION_INVOKE_AGENT))
        .filter(span -> spans.stream().noneMatch(s -> s.spanId().equals(span.parentSpanId())))
        .findFirst()
        .or(() -> spans.stream().findFirst());
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
