package dev.custody.cli.cases;

import dev.custody.core.findings.CaseFinding;
import dev.custody.core.json.JsonWriter;
import java.util.List;

/** The members every command writes for a case: {@code case_id}, the verdict, the findings. */
final class CaseJson {

  private CaseJson() {}

  /** Writes the summary's members into the object {@code json} has open. */
  static void summary(JsonWriter json, CaseSummary summary) {
    json.name("case_id").value(summary.caseId());
    json.name("start").value(summary.start().toString());
    json.name("duration_ms").value(summary.durationMillis());
    json.name("service").value(summary.services().isEmpty() ? null : summary.services().get(0));
    strings(json.name("services"), summary.services());
    json.name("agent").value(summary.agent());
    json.name("enduser").value(summary.endUser());
    json.name("workload").value(summary.workload());
    if (summary.complete() == null) {
      json.name("complete").value((String) null);
    } else {
      json.name("complete").value(summary.complete());
    }
    strings(json.name("missing"), summary.missing());
    json.name("denied").value(summary.denied());
    findings(json.name("findings"), summary.findings());
  }

  static void findings(JsonWriter json, List<CaseFinding> findings) {
    json.beginArray();
    for (CaseFinding finding : findings) {
      json.beginObject();
      json.name("rule").value(finding.rule());
      json.name("severity").value(finding.severity());
      json.name("span_id").value(finding.spanId());
      json.name("summary").value(finding.summary());
      strings(json.name("maps_to"), finding.mapsTo());
      json.endObject();
    }
    json.endArray();
  }

  static void strings(JsonWriter json, List<String> values) {
    json.beginArray();
    values.forEach(json::value);
    json.endArray();
  }
}
