package dev.custody.cli.cases;

import dev.custody.cli.findings.Findings;
import dev.custody.cli.source.SourceOptions;
import dev.custody.core.findings.CaseFinding;
import dev.custody.core.json.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cases SOURCE [filters] [--json]}: one line per case: start, service, agent, end user,
 * workload identity, verdict, finding count, case id.
 */
@Command(
    name = "cases",
    description = "Lists the cases a source holds, one line each, earliest first.")
public final class CasesCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Cases that started at or after TIME: an instant (2026-12-07T10:00:00Z) or"
              + " a duration back from now (PT1H)")
  private String since;

  @Option(names = "--workload", paramLabel = "ID", description = "Cases run as this workload")
  private String workload;

  @Option(names = "--enduser", paramLabel = "ID", description = "Cases run for this end user")
  private String endUser;

  @Option(names = "--denied", description = "Cases a policy refused something")
  private boolean denied;

  @Option(names = "--incomplete", description = "Cases whose record is not complete")
  private boolean incomplete;

  @Option(names = "--json", description = "Print the cases as JSON")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Instant from = since == null ? Instant.MIN : instant(since);
      CaseCollector collector = new CaseCollector(null);
      source.read(collector);
      List<CaseSpans> cases = collector.gathered();
      Map<String, List<CaseFinding>> findings = Findings.across(cases);
      List<CaseSummary> shown = new ArrayList<>();
      for (CaseSpans c : cases) {
        CaseSummary summary = CaseSummary.of(c, findings.get(c.caseId()));
        if (matches(summary, from)) {
          shown.add(summary);
        }
      }
      out.print(json ? json(shown) : text(shown));
      out.flush();
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("custody cases: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
  }

  private boolean matches(CaseSummary summary, Instant from) {
    return !summary.start().isBefore(from)
        && (workload == null || workload.equals(summary.workload()))
        && (endUser == null || endUser.equals(summary.endUser()))
        && (!denied || summary.denied())
        && (!incomplete || Boolean.FALSE.equals(summary.complete()));
  }

  private static Instant instant(String time) {
    try {
      return time.startsWith("P") || time.startsWith("p")
          ? Instant.now().minus(Duration.parse(time))
          : Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--since takes an instant (2026-12-07T10:00:00Z) or a duration (PT1H): " + time, e);
    }
  }

  private static String text(List<CaseSummary> cases) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%-24s %-18s %-20s %-22s %-36s %-10s %8s  %s%n",
            "START", "SERVICE", "AGENT", "END USER", "WORKLOAD", "VERDICT", "FINDINGS", "CASE"));
    for (CaseSummary c : cases) {
      text.append(
          String.format(
              "%-24s %-18s %-20s %-22s %-36s %-10s %8d  %s%n",
              c.start(),
              cut(String.join(",", c.services()), 18),
              cut(c.agent(), 20),
              cut(c.endUser(), 22),
              cut(c.workload(), 36),
              c.verdict(),
              c.findings().size(),
              c.caseId()));
    }
    return text.append(cases.size()).append(cases.size() == 1 ? " case\n" : " cases\n").toString();
  }

  private static String json(List<CaseSummary> cases) {
    JsonWriter json = new JsonWriter().beginObject().name("cases").beginArray();
    for (CaseSummary c : cases) {
      json.beginObject();
      CaseJson.summary(json, c);
      json.endObject();
    }
    return json.endArray().endObject() + "\n";
  }

  /** {@code text} in at most {@code width} characters, {@code -} when absent. */
  static String cut(String text, int width) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
