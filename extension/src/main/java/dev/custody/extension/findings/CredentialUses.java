package dev.custody.extension.findings;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;

import dev.custody.core.findings.CaseFinding;
import dev.custody.core.findings.CaseSpan;
import dev.custody.core.findings.FindingRules;
import dev.custody.core.findings.SpansOfCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which cases of this process presented each credential, and where first: what {@code
 * credential-shared-across-cases} needs of the cases that ended before. Bounded: the {@value
 * #MAX_CREDENTIALS} credentials used last, {@value #MAX_CASES_PER_CREDENTIAL} cases each.
 */
final class CredentialUses {

  static final int MAX_CREDENTIALS = 1024;
  static final int MAX_CASES_PER_CREDENTIAL = 6;

  private final Map<String, Map<String, CaseSpan>> firstUses =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, CaseSpan>> eldest) {
          return size() > MAX_CREDENTIALS;
        }
      };

  /**
   * The case's findings for the credentials it presented that earlier cases of this process
   * presented too; remembers its own first uses for the cases after it.
   */
  synchronized List<CaseFinding> sharedBy(SpansOfCase caseSpans) {
    Map<String, List<CaseSpan>> earlier = new LinkedHashMap<>();
    for (CaseSpan span : caseSpans.spans()) {
      for (String used : CaseSpan.list(span, CREDENTIAL_USED.getKey())) {
        if (used.isBlank()) {
          continue;
        }
        Map<String, CaseSpan> cases = firstUses.computeIfAbsent(used, id -> new LinkedHashMap<>());
        cases.forEach(
            (caseId, first) -> {
              if (!caseId.equals(caseSpans.caseId())) {
                earlier.computeIfAbsent(caseId, id -> new ArrayList<>()).add(first);
              }
            });
        if (cases.size() < MAX_CASES_PER_CREDENTIAL) {
          cases.putIfAbsent(caseSpans.caseId(), span);
        }
      }
    }
    if (earlier.isEmpty()) {
      return List.of();
    }
    List<SpansOfCase> cases = new ArrayList<>();
    cases.add(caseSpans);
    earlier.forEach((caseId, spans) -> cases.add(SpansOfCase.of(caseId, spans)));
    return FindingRules.sharedAcross(cases).getOrDefault(caseSpans.caseId(), List.of());
  }
}
