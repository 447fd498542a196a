package dev.custody.cli;

import dev.custody.cli.cases.CaseCommand;
import dev.custody.cli.cases.CasesCommand;
import dev.custody.cli.cases.FindingsCommand;
import dev.custody.cli.cases.ReportCommand;
import dev.custody.cli.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar custody-cli.jar COMMAND ...}: the investigator's tool. */
@Command(
    name = "custody",
    mixinStandardHelpOptions = true,
    versionProvider = CustodyCli.Version.class,
    description =
        "Reads Custody's audit record: lists its cases and findings, shows one, verifies them.",
    subcommands = {
      CasesCommand.class,
      CaseCommand.class,
      FindingsCommand.class,
      ReportCommand.class,
      VerifyCommand.class
    })
public final class CustodyCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line; usage errors exit 2, as the verifier's contract says. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The tool's command line, its output and error streams the caller's to set. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CustodyCli());
    commandLine.setExitCodeExceptionMapper(e -> 2);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          e.getCommandLine().getErr().println(e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return 2;
        });
    return commandLine;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package custody = CustodyCli.class.getPackage();
      return new String[] {"custody-cli " + custody.getImplementationVersion()};
    }
  }
}
