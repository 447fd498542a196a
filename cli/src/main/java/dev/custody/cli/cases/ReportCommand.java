package dev.custody.cli.cases;

import dev.custody.cli.source.SourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report CASE_ID SOURCE --html OUT.html}: the case as one page for an incident ticket. */
@Command(
    name = "report",
    description = {
      "Writes one case as a self-contained HTML page (no script, no external asset).",
      "Exit 0: written. 1: no span carries the case id. 2: usage or input error."
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "CASE_ID", description = "The case's custody.case.id")
  private String caseId;

  @Option(
      names = "--html",
      paramLabel = "OUT.html",
      required = true,
      description = "Where to write the page")
  private Path html;

  @Override
  public Integer call() {
    try {
      Optional<CaseReport> found = OneCase.read(source, caseId);
      if (found.isEmpty()) {
        spec.commandLine().getErr().println("custody report: no span carries case " + caseId);
        spec.commandLine().getErr().flush();
        return 1;
      }
      Files.writeString(html, CaseHtml.of(found.get()), StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote " + html);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("custody report: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
  }
}
