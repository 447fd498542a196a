package dev.custody.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.cli.CustodyCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** {@code custody-cli verify ... --json}, as an auditor runs it, and its report. */
public record CustodyVerify(int exit, JsonNode report) {

  public static CustodyVerify run(String... arguments) throws IOException {
    List<String> args = new ArrayList<>(List.of("verify"));
    args.addAll(List.of(arguments));
    args.add("--json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CustodyCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args.toArray(String[]::new));
    if (exit == 2) {
      throw new AssertionError("custody verify failed: " + err);
    }
    return new CustodyVerify(exit, new ObjectMapper().readTree(out.toString()));
  }

  public String status() {
    return report.get("status").asText();
  }
}
