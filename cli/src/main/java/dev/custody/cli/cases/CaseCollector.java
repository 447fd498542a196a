package dev.custody.cli.cases;

import dev.custody.cli.source.ReceivedSpan;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gathers the spans a source hands over into cases, by {@code custody.case.id}, across traces,
 * services and processes. Collecting one case keeps only its spans, and the spans without a case id
 * that link to one of them (a revocation after the case, on a scheduler's thread).
 */
public final class CaseCollector implements Consumer<ReceivedSpan> {

  private final String onlyCase;
  private final Map<String, List<EvidenceSpan>> cases = new LinkedHashMap<>();
  private final List<EvidenceSpan> linkedOutside = new ArrayList<>();

  /**
   * @param onlyCase the one case to keep, or null for every case
   */
  public CaseCollector(String onlyCase) {
    this.onlyCase = onlyCase;
  }

  @Override
  public void accept(ReceivedSpan span) {
    if (span.isCheckpoint()) {
      return;
    }
    String caseId = span.caseId();
    if (caseId != null && (onlyCase == null || onlyCase.equals(caseId))) {
      cases.computeIfAbsent(caseId, id -> new ArrayList<>()).add(span.evidence());
    } else if (caseId == null && onlyCase != null && !span.evidence().links().isEmpty()) {
      linkedOutside.add(span.evidence());
    }
  }

  /** The cases gathered, earliest first. */
  public List<CaseSpans> cases() {
    List<CaseSpans> all = new ArrayList<>();
    cases.forEach((id, spans) -> all.add(new CaseSpans(id, withLinkedTeardown(spans))));
    all.sort(Comparator.comparingLong(c -> c.spans().get(0).startMicros()));
    return all;
  }

  private List<EvidenceSpan> withLinkedTeardown(List<EvidenceSpan> spans) {
    if (linkedOutside.isEmpty()) {
      return spans;
    }
    Set<String> ids = new HashSet<>();
    spans.forEach(span -> ids.add(span.spanId()));
    List<EvidenceSpan> with = new ArrayList<>(spans);
    for (EvidenceSpan outside : linkedOutside) {
      if (outside.links().stream().anyMatch(link -> ids.contains(link.spanId()))) {
        with.add(outside);
      }
    }
    return with;
  }
}
