package dev.custody.cli.cases;

import dev.custody.core.findings.CaseFinding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A case report as one self-contained HTML page, for an incident ticket: no script, no external
 * asset, the timeline drawn in inline SVG. Every value from the spans is escaped (a prompt is
 * whatever a user typed).
 */
final class CaseHtml {

  private static final int BAR_AREA = 640;
  private static final int ROW = 18;

  private CaseHtml() {}

  static String of(CaseReport report) {
    CaseSummary summary = report.summary();
    StringBuilder html = new StringBuilder(16 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Case ")
        .append(escape(summary.caseId()))
        .append("</title><style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
        .append(
            "h1{font-size:20px}h2{font-size:16px;margin-top:1.6em;border-bottom:1px solid #ccc}")
        .append("table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;")
        .append("vertical-align:top}th{background:#f2f2f2}.high{color:#b00020;font-weight:bold}")
        .append(
            ".medium{color:#a15c00;font-weight:bold}.low{color:#555}.mono{font-family:monospace}")
        .append("</style></head><body>\n");
    html.append("<h1>Case <span class=\"mono\" id=\"case-id\">")
        .append(escape(summary.caseId()))
        .append("</span></h1>\n<p>")
        .append(escape(String.join(", ", summary.services())))
        .append(" · ")
        .append(escape(summary.agent()))
        .append(" · started ")
        .append(escape(summary.start().toString()))
        .append(" · ")
        .append(summary.durationMillis())
        .append(" ms</p>\n<p id=\"verdict\">Verdict: record <b>")
        .append(escape(summary.verdict()))
        .append("</b>")
        .append(
            summary.missing().isEmpty()
                ? ""
                : " (missing: " + escape(String.join(", ", summary.missing())) + ")")
        .append(" · ")
        .append(report.findings().size())
        .append(report.findings().size() == 1 ? " finding" : " findings")
        .append("</p>\n");

    findings(html, report.findings());
    timeline(html, report.timeline());
    facts(html, "What it was asked", report.intent());
    facts(html, "As whom (workload identity)", report.asWhom());
    facts(html, "For whom (end user)", report.forWhom());
    html.append("<h2>Why it was allowed (policy decisions)</h2>\n");
    table(
        html,
        List.of("At", "Decision", "Engine", "Policy", "Decision id", "Reason"),
        report.decisions().stream()
            .map(
                d ->
                    List.of(
                        "+" + d.offsetMillis() + " ms",
                        d.decision().toUpperCase(Locale.ROOT),
                        d.engine(),
                        orDash(d.policy()),
                        orDash(d.id()),
                        orDash(d.reason())))
            .toList());
    html.append("<h2>With what (credentials)</h2>\n");
    table(
        html,
        List.of("Provider", "Credential", "Version", "Issued", "Expires", "Presented by", "Ended"),
        report.credentials().stream()
            .map(
                c ->
                    List.of(
                        c.provider(),
                        c.id(),
                        orDash(c.version()),
                        orDash(c.issuedAt()),
                        c.expires() == null ? "unknown" : c.expires(),
                        c.usedBy().isEmpty() ? "no recorded call" : String.join("; ", c.usedBy()),
                        c.ended().isEmpty()
                            ? "no teardown recorded"
                            : String.join("; ", c.ended())))
            .toList());
    html.append("<h2>What it did (tool calls)</h2>\n");
    table(
        html,
        List.of("At", "Tool", "Arguments", "Result", "Error"),
        report.tools().stream()
            .map(
                t ->
                    List.of(
                        "+" + t.offsetMillis() + " ms",
                        t.name(),
                        orDash(t.arguments()),
                        orDash(t.result()),
                        orDash(t.error())))
            .toList());
    facts(html, "When its authority ended", report.authority());
    return html.append("</body></html>\n").toString();
  }

  private static void findings(StringBuilder html, List<CaseFinding> findings) {
    html.append("<h2>Findings</h2>\n");
    if (findings.isEmpty()) {
      html.append("<p>None.</p>\n");
      return;
    }
    html.append("<ul id=\"findings\">\n");
    for (CaseFinding f : findings) {
      html.append("<li><span class=\"")
          .append(escape(f.severity()))
          .append("\">")
          .append(escape(f.severity().toUpperCase(Locale.ROOT)))
          .append("</span> <b>")
          .append(escape(f.rule()))
          .append("</b>: ")
          .append(escape(f.summary()))
          .append(" <span class=\"mono low\">(span ")
          .append(escape(f.spanId()))
          .append(f.mapsTo().isEmpty() ? "" : "; " + escape(String.join(", ", f.mapsTo())))
          .append(")</span></li>\n");
    }
    html.append("</ul>\n");
  }

  /** Each span a bar at its offset, as long as it ran, indented by depth; the name beside it. */
  private static void timeline(StringBuilder html, List<CaseReport.Row> rows) {
    html.append("<h2>Timeline</h2>\n");
    long end = 1;
    for (CaseReport.Row row : rows) {
      end = Math.max(end, row.offsetMillis() + Math.max(1, row.durationMillis()));
    }
    int height = rows.size() * ROW + 4;
    html.append("<svg width=\"")
        .append(BAR_AREA + 560)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"timeline\">\n");
    for (int i = 0; i < rows.size(); i++) {
      CaseReport.Row row = rows.get(i);
      long x = row.offsetMillis() * BAR_AREA / end;
      long width = Math.max(2, Math.max(1, row.durationMillis()) * BAR_AREA / end);
      boolean error = "ERROR".equals(row.span().statusCode());
      int y = i * ROW + 2;
      html.append("<rect x=\"")
          .append(x)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(ROW - 4)
          .append("\" fill=\"")
          .append(error ? "#d32f2f" : "#4a78c2")
          .append("\"><title>")
          .append(escape(row.span().name()))
          .append("</title></rect><text x=\"")
          .append(BAR_AREA + 8 + row.depth() * 12)
          .append("\" y=\"")
          .append(y + ROW - 6)
          .append("\" font-size=\"12\">")
          .append(escape("+" + row.offsetMillis() + " ms  " + row.span().name()))
          .append("</text>\n");
    }
    html.append("</svg>\n");
    table(
        html,
        List.of("At", "Took", "Span", "Service", "Details"),
        rows.stream()
            .map(
                row ->
                    List.of(
                        "+" + row.offsetMillis() + " ms",
                        row.durationMillis() + " ms",
                        "\u00a0".repeat(2 * row.depth()) + row.span().name(),
                        String.valueOf(row.span().serviceName()),
                        row.details()))
            .toList());
  }

  private static void facts(StringBuilder html, String title, Map<String, String> facts) {
    html.append("<h2>").append(escape(title)).append("</h2>\n");
    table(
        html,
        List.of(),
        facts.entrySet().stream().map(fact -> List.of(fact.getKey(), fact.getValue())).toList());
  }

  private static void table(StringBuilder html, List<String> head, List<List<String>> rows) {
    if (rows.isEmpty()) {
      html.append("<p>None recorded.</p>\n");
      return;
    }
    html.append("<table>");
    if (!head.isEmpty()) {
      html.append("<tr>");
      head.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
      html.append("</tr>\n");
    }
    for (List<String> row : rows) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static String orDash(String text) {
    return text == null ? "-" : text;
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
