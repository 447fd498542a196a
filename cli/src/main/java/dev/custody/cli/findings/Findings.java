package dev.custody.cli.findings;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Every finding rule over a case (docs/findings.md), most severe first, then in the order of the
 * spans they name.
 */
public final class Findings {

  private static final List<CaseRule> CASE_RULES =
      List.of(
          new CredentialUsedAfterExpiry(),
          new CredentialUsedAfterRevocation(),
          new StaticSecret(),
          new AuthorityOutlivedCase(),
          new ToolDespiteDeny(),
          new UnauthorisedAction(),
          new UnknownWorkloadIdentity(),
          new NoEndUser(),
          new SecretExposedToModel(),
          new RecordIncomplete());

  private Findings() {}

  /** The findings of one case, from its spans alone. */
  public static List<CaseFinding> in(CaseSpans caseSpans) {
    return in(caseSpans, TamperEvidence.NONE);
  }

  /** The findings of one case, with what the integrity verifier reported against it. */
  public static List<CaseFinding> in(CaseSpans caseSpans, TamperEvidence evidence) {
    List<CaseFinding> findings = new ArrayList<>();
    CASE_RULES.forEach(rule -> findings.addAll(rule.findIn(caseSpans)));
    findings.addAll(new EvidenceTampered().findIn(caseSpans, evidence));
    return ordered(caseSpans, findings);
  }

  /**
   * The findings of each case, by case id in the order given, with those only many cases show
   * ({@code credential-shared-across-cases}).
   *
   * @param evidence what the verifier reported, by case id; a case it does not name has none
   */
  public static Map<String, List<CaseFinding>> across(
      Collection<CaseSpans> cases, Map<String, TamperEvidence> evidence) {
    Map<String, List<CaseFinding>> shared = new CredentialSharedAcrossCases().findIn(cases);
    Map<String, List<CaseFinding>> findings = new LinkedHashMap<>();
    for (CaseSpans caseSpans : cases) {
      List<CaseFinding> ofCase =
          new ArrayList<>(
              in(caseSpans, evidence.getOrDefault(caseSpans.caseId(), TamperEvidence.NONE)));
      ofCase.addAll(shared.getOrDefault(caseSpans.caseId(), List.of()));
      findings.put(caseSpans.caseId(), ordered(caseSpans, ofCase));
    }
    return findings;
  }

  /** The findings of each case, by case id, without the verifier. */
  public static Map<String, List<CaseFinding>> across(Collection<CaseSpans> cases) {
    return across(cases, Map.of());
  }

  private static List<CaseFinding> ordered(CaseSpans caseSpans, List<CaseFinding> findings) {
    Map<String, Long> starts =
        caseSpans.spans().stream()
            .collect(
                Collectors.toMap(
                    EvidenceSpan::spanId,
                    EvidenceSpan::startMicros,
                    Math::min,
                    LinkedHashMap::new));
    ToLongFunction<CaseFinding> time =
        finding -> starts.getOrDefault(finding.spanId(), Long.MAX_VALUE);
    return findings.stream()
        .sorted(
            Comparator.<CaseFinding>comparingInt(finding -> Severity.rank(finding.severity()))
                .thenComparingLong(time)
                .thenComparing(CaseFinding::rule))
        .toList();
  }
}
