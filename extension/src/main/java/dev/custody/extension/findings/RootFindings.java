package dev.custody.extension.findings;

import static dev.custody.core.CustodyAttributes.FINDINGS;
import static dev.custody.core.CustodyAttributes.FINDINGS_COUNT;
import static dev.custody.core.CustodyAttributes.FINDING_EVENT;
import static dev.custody.core.CustodyAttributes.FINDING_RULE;
import static dev.custody.core.CustodyAttributes.FINDING_SEVERITY;
import static dev.custody.core.CustodyAttributes.FINDING_SPAN_ID;
import static dev.custody.core.CustodyAttributes.FINDING_SUMMARY;

import dev.custody.core.findings.CaseFinding;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import java.util.List;

/**
 * The findings as the case root carries them: {@code custody.findings.count}, the rule ids in
 * {@code custody.findings}, and a {@code custody.finding} event for each of the first {@value
 * #MAX_EVENTS}. Each attribute is set once; the exporter scrubs the summaries like any value.
 */
final class RootFindings {

  static final int MAX_EVENTS = 32;

  private RootFindings() {}

  /**
   * @param findings most severe first
   */
  static void recordOn(ReadWriteSpan root, List<CaseFinding> findings) {
    root.setAttribute(FINDINGS_COUNT, (long) findings.size());
    if (findings.isEmpty()) {
      return;
    }
    root.setAttribute(FINDINGS, findings.stream().map(CaseFinding::rule).distinct().toList());
    for (CaseFinding finding : findings.subList(0, Math.min(MAX_EVENTS, findings.size()))) {
      root.addEvent(
          FINDING_EVENT,
          Attributes.builder()
              .put(FINDING_RULE, finding.rule())
              .put(FINDING_SEVERITY, finding.severity())
              .put(FINDING_SPAN_ID, finding.spanId())
              .put(FINDING_SUMMARY, finding.summary())
              .build());
    }
  }
}
