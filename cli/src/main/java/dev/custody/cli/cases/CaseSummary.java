package dev.custody.cli.cases;

import static dev.custody.core.findings.CaseSpan.list;
import static dev.custody.core.findings.CaseSpan.text;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.findings.CaseFinding;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * One case in a line, from its root: when, where, which agent, for whom, as whom, the verdict.
 *
 * @param complete the root's {@code custody.record.complete}; null when the root does not say
 * @param denied whether a policy refused the case anything
 */
public record CaseSummary(
    String caseId,
    Instant start,
    long durationMillis,
    List<String> services,
    String agent,
    String endUser,
    String workload,
    Boolean complete,
    List<String> missing,
    boolean denied,
    List<CaseFinding> findings) {

  public static CaseSummary of(CaseSpans c, List<CaseFinding> findings) {
    EvidenceSpan root = c.root().orElseThrow();
    String agent = text(root, CustodyAttributes.GEN_AI_AGENT_NAME.getKey());
    String complete = text(root, CustodyAttributes.RECORD_COMPLETE.getKey());
    TreeSet<String> services = new TreeSet<>();
    c.spans().forEach(span -> services.add(String.valueOf(span.serviceName())));
    return new CaseSummary(
        c.caseId(),
        Instant.EPOCH.plus(root.startMicros(), ChronoUnit.MICROS),
        root.durationMicros() / 1000,
        List.copyOf(services),
        agent != null ? agent : root.name().replaceFirst("^invoke_agent ", ""),
        text(root, CustodyAttributes.ENDUSER_ID.getKey()),
        text(root, CustodyAttributes.WORKLOAD_ID.getKey()),
        complete == null ? null : Boolean.valueOf(complete),
        list(root, "custody.record.missing"),
        c.spans().stream().anyMatch(CaseSummary::denies),
        findings);
  }

  private static boolean denies(EvidenceSpan span) {
    return "true".equals(text(span, CustodyAttributes.POLICY_DENIED.getKey()))
        || "deny".equals(text(span, CustodyAttributes.POLICY_DECISION.getKey()));
  }

  /** {@code complete}, {@code incomplete} or {@code unknown} (a root that says nothing). */
  public String verdict() {
    return complete == null ? "unknown" : complete ? "complete" : "incomplete";
  }
}
