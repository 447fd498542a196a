package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.List;

/**
 * The case root's verdict says the record lacks something: {@code custody.record.missing} names it
 * ({@code intent}, {@code workload_identity}, {@code credentials}), or {@code
 * custody.record.complete=false}.
 */
final class RecordIncomplete implements CaseRule {

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    return caseSpans.root().stream()
        .filter(RecordIncomplete::incomplete)
        .map(
            root -> {
              List<String> missing = missing(root);
              return Rule.RECORD_INCOMPLETE.finding(
                  root.spanId(),
                  missing.isEmpty()
                      ? "the case's record says it is incomplete"
                      : "the case's record lacks " + String.join(", ", missing));
            })
        .toList();
  }

  private static boolean incomplete(CaseSpan root) {
    return "false".equals(CaseSpan.text(root, CustodyAttributes.RECORD_COMPLETE.getKey()))
        || !missing(root).isEmpty();
  }

  private static List<String> missing(CaseSpan root) {
    return CaseSpan.list(root, CustodyAttributes.RECORD_MISSING.getKey()).stream()
        .filter(part -> !part.isBlank())
        .toList();
  }
}
