package dev.custody.cli.cases;

import dev.custody.cli.findings.Findings;
import dev.custody.cli.source.SourceOptions;
import dev.custody.core.findings.CaseFinding;
import dev.custody.core.json.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code findings SOURCE [--rule R] [--severity S] [--json]}: the findings over many cases. */
@Command(
    name = "findings",
    description = {
      "Lists the findings of every case a source holds (docs/findings.md), case by case, most"
          + " severe first.",
      "Exit 0: no finding. 1: findings listed. 2: usage or input error."
    })
public final class FindingsCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Option(names = "--rule", paramLabel = "RULE", description = "Only this rule's findings")
  private String rule;

  @Option(
      names = "--severity",
      paramLabel = "SEVERITY",
      description = "Only findings of this severity: high, medium or low")
  private String severity;

  @Option(names = "--json", description = "Print the findings as JSON")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      CaseCollector collector = new CaseCollector(null);
      source.read(collector);
      List<CaseSpans> cases = collector.gathered();
      Map<String, List<CaseFinding>> findings = Findings.across(cases);
      StringBuilder text = new StringBuilder();
      JsonWriter written = new JsonWriter().beginObject().name("cases").beginArray();
      int count = 0;
      int withFindings = 0;
      for (CaseSpans c : cases) {
        List<CaseFinding> shown = findings.get(c.caseId()).stream().filter(this::wanted).toList();
        if (shown.isEmpty()) {
          continue;
        }
        count += shown.size();
        withFindings++;
        CaseSummary summary = CaseSummary.of(c, shown);
        written.beginObject();
        CaseJson.summary(written, summary);
        written.endObject();
        for (CaseFinding f : shown) {
          text.append(
              String.format(
                  "%-6s  %-33s  %s  %s%n",
                  f.severity().toUpperCase(java.util.Locale.ROOT),
                  f.rule(),
                  c.caseId(),
                  f.summary()));
        }
      }
      text.append(count)
          .append(count == 1 ? " finding in " : " findings in ")
          .append(withFindings)
          .append(" of ")
          .append(cases.size())
          .append(cases.size() == 1 ? " case\n" : " cases\n");
      out.print(json ? written.endArray().endObject() + "\n" : text);
      out.flush();
      return count == 0 ? 0 : 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println("custody findings: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
  }

  private boolean wanted(CaseFinding finding) {
    return (rule == null || rule.equals(finding.rule()))
        && (severity == null || severity.equalsIgnoreCase(finding.severity()));
  }
}
