package dev.custody.cli.cases;

import dev.custody.core.findings.SpansOfCase;
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

  /** The case's root, as the finding rules find it ({@link SpansOfCase#rootOf}). */
  public Optional<EvidenceSpan> root() {
    return SpansOfCase.rootOf(spans);
  }

  /** The spans as the finding rules read them. */
  public SpansOfCase forRules() {
    return SpansOfCase.of(caseId, spans);
  }
}
