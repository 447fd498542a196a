package dev.custody.cli.cases;

import static dev.custody.core.findings.CaseSpan.text;

import dev.custody.exporter.integrity.EvidenceSpan;

/** The few facts the timeline shows beside a span's name: what it called, decided, presented. */
final class TimelineDetails {

  private static final int WIDTH = 72;

  private TimelineDetails() {}

  static String of(EvidenceSpan span) {
    StringBuilder details = new StringBuilder();
    append(details, "", text(span, "url.full"));
    append(details, "-> ", text(span, "http.response.status_code"));
    append(details, "decision=", text(span, "custody.policy.decision"));
    append(details, "credential=", text(span, "custody.credential.id"));
    append(details, "presented=", text(span, "custody.credential.used"));
    append(details, "teardown=", text(span, "custody.teardown.kind"));
    String prompt = text(span, "custody.intent.prompt");
    append(details, "prompt=", prompt == null ? null : '"' + prompt.replace('\n', ' ') + '"');
    if ("ERROR".equals(span.statusCode())) {
      String type = text(span, "error.type");
      String why = type != null ? type : span.statusMessage();
      append(details, "ERROR", why == null ? "" : " " + why);
    }
    return details.toString();
  }

  private static void append(StringBuilder details, String label, String value) {
    if (value != null) {
      details.append(details.length() > 0 ? "  " : "").append(label).append(cut(value));
    }
  }

  static String cut(String text) {
    return text.length() <= WIDTH ? text : text.substring(0, WIDTH - 1) + "…";
  }
}
