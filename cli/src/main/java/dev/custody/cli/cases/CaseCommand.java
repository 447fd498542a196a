package dev.custody.cli.cases;

import dev.custody.cli.source.SourceOptions;
import dev.custody.core.json.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code case CASE_ID SOURCE [--json]}: the case's timeline, then the answers (intent, as whom, for
 * whom, why allowed, with what, what it did, when authority ended), then the findings. Every span
 * with that case id, from every service and process the source holds.
 */
@Command(
    name = "case",
    description = {
      "Shows one case: its timeline, what it was asked, as whom and for whom it ran, why it was"
          + " allowed, with which credentials, what it did, when its authority ended, and the"
          + " findings.",
      "Exit 0: shown. 1: no span carries the case id. 2: usage or input error."
    })
public final class CaseCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "CASE_ID", description = "The case's custody.case.id")
  private String caseId;

  @Option(names = "--json", description = "Print the case as JSON")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<CaseReport> found = OneCase.read(source, caseId);
      if (found.isEmpty()) {
        err.println("custody case: no span carries case " + caseId);
        err.flush();
        return 1;
      }
      CaseReport report = found.get();
      out.print(json ? json(report) : CaseText.of(report));
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("custody case: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private static String json(CaseReport report) {
    JsonWriter json = new JsonWriter().beginObject().name("cases").beginArray().beginObject();
    CaseJson.summary(json, report.summary());
    json.name("timeline").beginArray();
    for (CaseReport.Row row : report.timeline()) {
      json.beginObject()
          .name("offset_ms")
          .value(row.offsetMillis())
          .name("duration_ms")
          .value(row.durationMillis())
          .name("depth")
          .value(row.depth())
          .name("name")
          .value(row.span().name())
          .name("service")
          .value(row.span().serviceName())
          .name("span_id")
          .value(row.span().spanId())
          .name("details")
          .value(row.details())
          .endObject();
    }
    json.endArray();
    json.name("intent").decoded(report.intent(), text -> text);
    json.name("as_whom").decoded(report.asWhom(), text -> text);
    json.name("for_whom").decoded(report.forWhom(), text -> text);
    json.name("policy_decisions").beginArray();
    for (CaseReport.Decision d : report.decisions()) {
      json.beginObject()
          .name("offset_ms")
          .value(d.offsetMillis())
          .name("engine")
          .value(d.engine())
          .name("policy")
          .value(d.policy())
          .name("decision")
          .value(d.decision())
          .name("decision_id")
          .value(d.id())
          .name("reason")
          .value(d.reason())
          .endObject();
    }
    json.endArray();
    json.name("credentials").beginArray();
    for (CaseReport.Credential c : report.credentials()) {
      json.beginObject()
          .name("provider")
          .value(c.provider())
          .name("id")
          .value(c.id())
          .name("version")
          .value(c.version())
          .name("issued_at")
          .value(c.issuedAt())
          .name("expires")
          .value(c.expires());
      CaseJson.strings(json.name("presented_by"), c.usedBy());
      CaseJson.strings(json.name("ended"), c.ended());
      json.endObject();
    }
    json.endArray();
    json.name("tool_calls").beginArray();
    for (CaseReport.ToolCall t : report.tools()) {
      json.beginObject()
          .name("offset_ms")
          .value(t.offsetMillis())
          .name("name")
          .value(t.name())
          .name("arguments")
          .value(t.arguments())
          .name("result")
          .value(t.result())
          .name("error")
          .value(t.error())
          .endObject();
    }
    json.endArray();
    json.name("authority").decoded(report.authority(), text -> text);
    return json.endObject().endArray().endObject() + "\n";
  }
}
