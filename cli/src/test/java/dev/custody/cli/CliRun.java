package dev.custody.cli;

import dev.custody.core.json.JsonReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of the tool: its exit code, output and errors. */
public record CliRun(int exit, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CustodyCli.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> json() throws Exception {
    return (Map<String, Object>) JsonReader.read(out.trim());
  }
}
