package dev.custody.cli.findings;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.core.findings.CaseFinding;
import dev.custody.core.findings.FindingRules;
import dev.custody.core.findings.SpansOfCase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every finding rule over a case (docs/findings.md): those of the spans alone ({@link
 * FindingRules}) and the integrity verifier's, most severe first, then in the order of the spans
 * they name.
 */
public final class Findings {

  private Findings() {}

  /** The findings of one case, from its spans alone. */
  public static List<CaseFinding> in(CaseSpans caseSpans) {
    return in(caseSpans, TamperEvidence.NONE);
  }

  /** The findings of one case, with what the integrity verifier reported against it. */
  public static List<CaseFinding> in(CaseSpans caseSpans, TamperEvidence evidence) {
    SpansOfCase forRules = caseSpans.forRules();
    List<CaseFinding> findings = new ArrayList<>(FindingRules.of(forRules));
    findings.addAll(new EvidenceTampered().findIn(caseSpans, evidence));
    return FindingRules.ordered(forRules, findings);
  }

  /**
   * The findings of each case, by case id in the order given, with those only many cases show
   * ({@code credential-shared-across-cases}).
   *
   * @param evidence what the verifier reported, by case id; a case it does not name has none
   */
  public static Map<String, List<CaseFinding>> across(
      Collection<CaseSpans> cases, Map<String, TamperEvidence> evidence) {
    Map<String, List<CaseFinding>> shared =
        FindingRules.sharedAcross(cases.stream().map(CaseSpans::forRules).toList());
    Map<String, List<CaseFinding>> findings = new LinkedHashMap<>();
    for (CaseSpans caseSpans : cases) {
      List<CaseFinding> ofCase =
          new ArrayList<>(
              in(caseSpans, evidence.getOrDefault(caseSpans.caseId(), TamperEvidence.NONE)));
      ofCase.addAll(shared.getOrDefault(caseSpans.caseId(), List.of()));
      findings.put(caseSpans.caseId(), FindingRules.ordered(caseSpans.forRules(), ofCase));
    }
    return findings;
  }

  /** The findings of each case, by case id, without the verifier. */
  public static Map<String, List<CaseFinding>> across(Collection<CaseSpans> cases) {
    return across(cases, Map.of());
  }
}
