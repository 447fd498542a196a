package dev.custody.cli.cases;

import dev.custody.core.findings.CaseFinding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A case report as one screen of text: the timeline, then the answers, then the findings. */
final class CaseText {

  private CaseText() {}

  static String of(CaseReport report) {
    CaseSummary summary = report.summary();
    StringBuilder text = new StringBuilder();
    text.append("Case ").append(summary.caseId()).append('\n');
    text.append("  ")
        .append(String.join(", ", summary.services()))
        .append(" · ")
        .append(summary.agent())
        .append(" · started ")
        .append(summary.start())
        .append(" · ")
        .append(summary.durationMillis())
        .append(" ms\n");
    text.append("  verdict: record ")
        .append(summary.verdict())
        .append(
            summary.missing().isEmpty()
                ? ""
                : " (missing: " + String.join(", ", summary.missing()) + ")")
        .append(" · ")
        .append(summary.findings().size())
        .append(summary.findings().size() == 1 ? " finding\n" : " findings\n");

    section(text, "Timeline");
    boolean services = summary.services().size() > 1;
    for (CaseReport.Row row : report.timeline()) {
      text.append(String.format("  %+8d ms %8d ms  ", row.offsetMillis(), row.durationMillis()))
          .append("  ".repeat(row.depth()))
          .append(row.span().name())
          .append(services ? "  [" + row.span().serviceName() + "]" : "")
          .append(row.details().isEmpty() ? "" : "  " + row.details())
          .append('\n');
    }
    facts(text, "What it was asked", report.intent());
    facts(text, "As whom (workload identity)", report.asWhom());
    facts(text, "For whom (end user)", report.forWhom());

    section(text, "Why it was allowed (policy decisions)");
    none(text, report.decisions());
    for (CaseReport.Decision d : report.decisions()) {
      text.append(String.format("  %+8d ms  ", d.offsetMillis()))
          .append(d.decision().toUpperCase(Locale.ROOT))
          .append("  ")
          .append(d.engine())
          .append(d.policy() == null ? "" : " " + d.policy())
          .append(d.id() == null ? "" : "  decision " + d.id())
          .append(d.reason() == null ? "" : "  (" + TimelineDetails.cut(d.reason()) + ")")
          .append('\n');
    }

    section(text, "With what (credentials)");
    none(text, report.credentials());
    for (CaseReport.Credential c : report.credentials()) {
      text.append("  ").append(c.provider()).append(' ').append(c.id());
      text.append(c.version() == null ? "" : "  version " + c.version());
      text.append(c.issuedAt() == null ? "" : "  issued " + c.issuedAt());
      text.append("  expires ").append(c.expires() == null ? "unknown" : c.expires()).append('\n');
      text.append("      presented by: ")
          .append(c.usedBy().isEmpty() ? "no recorded call" : String.join("; ", c.usedBy()))
          .append('\n');
      text.append("      ended: ")
          .append(c.ended().isEmpty() ? "no teardown recorded" : String.join("; ", c.ended()))
          .append('\n');
    }

    section(text, "What it did (tool calls)");
    none(text, report.tools());
    for (CaseReport.ToolCall t : report.tools()) {
      text.append(String.format("  %+8d ms  ", t.offsetMillis())).append(t.name());
      text.append(t.arguments() == null ? "" : "  arguments " + TimelineDetails.cut(t.arguments()));
      text.append(t.result() == null ? "" : "  result " + TimelineDetails.cut(t.result()));
      text.append(t.error() == null ? "" : "  ERROR " + t.error());
      text.append('\n');
    }
    facts(text, "When its authority ended", report.authority());

    section(text, "Findings");
    none(text, report.findings());
    for (CaseFinding f : report.findings()) {
      text.append("  ")
          .append(f.severity().toUpperCase(Locale.ROOT))
          .append("  ")
          .append(f.rule())
          .append(" (span ")
          .append(f.spanId())
          .append("): ")
          .append(f.summary())
          .append('\n');
    }
    return text.toString();
  }

  private static void section(StringBuilder text, String title) {
    text.append('\n').append(title).append('\n');
  }

  private static void facts(StringBuilder text, String title, Map<String, String> facts) {
    section(text, title);
    if (facts.isEmpty()) {
      text.append("  not recorded\n");
    }
    facts.forEach(
        (label, value) ->
            text.append("  ").append(label).append(": ").append(wide(value)).append('\n'));
  }

  /** A fact in up to 240 characters: the answers deserve more room than the timeline. */
  private static String wide(String value) {
    String line = value.replace('\n', ' ');
    return line.length() <= 240 ? line : line.substring(0, 239) + "…";
  }

  private static void none(StringBuilder text, List<?> items) {
    if (items.isEmpty()) {
      text.append("  none recorded\n");
    }
  }
}
