package dev.custody.core.findings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One credential presented ({@code custody.credential.used}) in two or more cases: whoever reads
 * its provider's audit log can no longer tell which case acted. Fingerprints stay in the process,
 * so the same credential is the same {@code custody.credential.id}.
 */
final class CredentialSharedAcrossCases {

  private static final int CASES_NAMED = 5;

  /** The findings of each case that shares a credential, by case id. */
  Map<String, List<CaseFinding>> findIn(Collection<SpansOfCase> cases) {
    Map<String, Map<String, CaseSpan>> firstUseByCredential = new LinkedHashMap<>();
    for (SpansOfCase caseSpans : cases) {
      for (CaseSpan call : caseSpans.spans()) {
        for (String used : ObtainedCredential.usedBy(call)) {
          firstUseByCredential
              .computeIfAbsent(used, id -> new LinkedHashMap<>())
              .putIfAbsent(caseSpans.caseId(), call);
        }
      }
    }
    Map<String, List<CaseFinding>> findings = new LinkedHashMap<>();
    firstUseByCredential.forEach(
        (credential, firstUses) -> {
          if (firstUses.size() < 2) {
            return;
          }
          firstUses.forEach(
              (caseId, call) ->
                  findings
                      .computeIfAbsent(caseId, id -> new ArrayList<>())
                      .add(
                          Rule.CREDENTIAL_SHARED_ACROSS_CASES.finding(
                              call.spanId(),
                              "%s, presented here by '%s', is used by %d cases: also %s"
                                  .formatted(
                                      credential,
                                      call.name(),
                                      firstUses.size(),
                                      others(firstUses.keySet(), caseId)))));
        });
    return findings;
  }

  private static String others(Collection<String> caseIds, String caseId) {
    List<String> others = caseIds.stream().filter(id -> !id.equals(caseId)).toList();
    String named = String.join(", ", others.subList(0, Math.min(CASES_NAMED, others.size())));
    return others.size() > CASES_NAMED
        ? named + " and " + (others.size() - CASES_NAMED) + " more"
        : named;
  }
}
