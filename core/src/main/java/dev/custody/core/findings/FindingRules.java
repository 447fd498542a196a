package dev.custody.core.findings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The finding rules that read spans alone (docs/findings.md), for the investigator's tool and for
 * the case root as it ends; the integrity verifier's {@code evidence-tampered} is the tool's.
 */
public final class FindingRules {

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

  private FindingRules() {}

  /** The findings of one case that its spans alone show, {@link #ordered}. */
  public static List<CaseFinding> of(SpansOfCase caseSpans) {
    List<CaseFinding> findings = new ArrayList<>();
    CASE_RULES.forEach(rule -> findings.addAll(rule.findIn(caseSpans)));
    return ordered(caseSpans, findings);
  }

  /**
   * The findings only many cases show ({@code credential-shared-across-cases}), by case id: of each
   * case that shares a credential with another.
   */
  public static Map<String, List<CaseFinding>> sharedAcross(Collection<SpansOfCase> cases) {
    return new CredentialSharedAcrossCases().findIn(cases);
  }

  /** Most severe first, then in the order of the spans they name. */
  public static List<CaseFinding> ordered(SpansOfCase caseSpans, List<CaseFinding> findings) {
    Map<String, Long> starts =
        caseSpans.spans().stream()
            .collect(
                Collectors.toMap(
                    CaseSpan::spanId, CaseSpan::startMicros, Math::min, LinkedHashMap::new));
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
