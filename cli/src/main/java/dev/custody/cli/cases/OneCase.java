package dev.custody.cli.cases;

import dev.custody.cli.findings.Findings;
import dev.custody.cli.source.SourceOptions;
import dev.custody.cli.verify.EvidenceCheck;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One case read from a source, in one pass, with its spans checked against the checkpoints read
 * with them (the keys they carry), so {@code evidence-tampered} is among its findings.
 */
final class OneCase {

  private OneCase() {}

  static Optional<CaseReport> read(SourceOptions source, String caseId) throws IOException {
    CaseCollector collector = new CaseCollector(caseId);
    EvidenceCheck evidence = new EvidenceCheck(null, caseId);
    source.read(
        span -> {
          collector.accept(span);
          evidence.add(span);
        });
    List<CaseSpans> found = collector.gathered();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseSpans c = found.get(0);
    return Optional.of(CaseReport.of(c, Findings.in(c, evidence.report().tamperEvidence())));
  }
}
