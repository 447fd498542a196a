package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.scrub.SecretScrubber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * Every attribute key the rules read: all a span of this process keeps for them until its case
   * ends (of the model's captured input, only {@link #secretMarkerIn}). A rule that reads another
   * key adds it here.
   */
  public static final Set<String> KEYS_READ =
      Set.of(
          CustodyAttributes.AUTHORITY_ENDS_AT.getKey(),
          CustodyAttributes.AUTHORITY_UNBOUNDED.getKey(),
          CustodyAttributes.CREDENTIALS_OUTSTANDING.getKey(),
          CustodyAttributes.CREDENTIAL_EXPIRES_AT.getKey(),
          CustodyAttributes.CREDENTIAL_EXPIRY.getKey(),
          CustodyAttributes.CREDENTIAL_ID.getKey(),
          CustodyAttributes.CREDENTIAL_ISSUED_AT.getKey(),
          CustodyAttributes.CREDENTIAL_PROVIDER.getKey(),
          CustodyAttributes.CREDENTIAL_TTL_S.getKey(),
          CustodyAttributes.CREDENTIAL_USED.getKey(),
          CustodyAttributes.ENDUSER_ID.getKey(),
          CustodyAttributes.ENDUSER_SOURCE.getKey(),
          CustodyAttributes.ERROR_TYPE.getKey(),
          CustodyAttributes.GEN_AI_INPUT_MESSAGES.getKey(),
          CustodyAttributes.GEN_AI_OPERATION_NAME.getKey(),
          CustodyAttributes.GEN_AI_TOOL_NAME.getKey(),
          CustodyAttributes.POLICY_DECISION.getKey(),
          CustodyAttributes.POLICY_DECISIONS.getKey(),
          CustodyAttributes.POLICY_DENIED.getKey(),
          CustodyAttributes.POLICY_ENGINE.getKey(),
          CustodyAttributes.POLICY_ID.getKey(),
          CustodyAttributes.RECORD_COMPLETE.getKey(),
          CustodyAttributes.RECORD_MISSING.getKey(),
          CustodyAttributes.SECRET_EXPOSED.getKey(),
          CustodyAttributes.SECRET_EXPOSED_IN.getKey(),
          CustodyAttributes.TEARDOWN_KIND.getKey(),
          CustodyAttributes.USER_ID.getKey(),
          CustodyAttributes.WORKLOAD_ID.getKey(),
          "db.operation",
          "db.operation.name",
          "db.query.text",
          "db.statement",
          "http.method",
          "http.request.method",
          "http.url",
          "rpc.method",
          "rpc.service",
          "rpc.system",
          "url.full");

  /** The events whose attributes the rules read. */
  public static final Set<String> EVENTS_READ =
      Set.of(
          CustodyAttributes.CREDENTIAL_OBTAINED_EVENT,
          CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT);

  private FindingRules() {}

  /**
   * What the rules need of a model's input as this process captured it, before the exporter scrubs
   * it: the marker the scrubber writes for the first secret in it ({@code [REDACTED:jwt]}), or null
   * when it holds none.
   */
  public static String secretMarkerIn(String capturedInput) {
    return SecretExposedToModel.firstMarker(SecretScrubber.scrub(capturedInput));
  }

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
