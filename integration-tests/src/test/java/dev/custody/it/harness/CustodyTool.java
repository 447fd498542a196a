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

/** {@code custody-cli COMMAND ... --json}, as an auditor runs it, and its JSON answer. */
public record CustodyTool(int exit, JsonNode report) {

  /** {@code verify ... --json}. */
  public static CustodyTool verify(String... arguments) throws IOException {
    List<String> args = new ArrayList<>(List.of("verify"));
    args.addAll(List.of(arguments));
    return run(args.toArray(String[]::new));
  }

  /** Any command, e.g. {@code run("case", id, "--zipkin", url)}, with {@code --json} added. */
  public static CustodyTool run(String... arguments) throws IOException {
    List<String> args = new ArrayList<>(List.of(arguments));
    args.add("--json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CustodyCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args.toArray(String[]::new));
    if (exit == 2) {
      throw new AssertionError("custody " + args + " failed: " + err);
    }
    return new CustodyTool(exit, new ObjectMapper().readTree(out.toString()));
  }

  public String status() {
    return report.get("status").asText();
  }
}
