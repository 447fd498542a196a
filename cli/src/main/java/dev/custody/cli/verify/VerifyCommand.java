package dev.custody.cli.verify;

import dev.custody.cli.source.SourceOptions;
import dev.custody.exporter.integrity.CheckpointKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify (--file PATH | --zipkin URL | --tempo URL | --jaeger URL) [--service NAME]
 * [--lookback DURATION] [--public-key PEM] [--json]}: exit 0 when intact, 1 when anything was
 * modified, forged or is missing, 2 on a usage or input error.
 */
@Command(
    name = "verify",
    description = {
      "Checks exported spans against the signed checkpoints exported with them.",
      "Exit 0: intact. 1: modified, forged, missing or unverified. 2: usage or input error."
    })
public final class VerifyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private SourceOptions source;

  @Option(
      names = "--public-key",
      paramLabel = "PEM",
      description =
          "The signer's public key (openssl pkey -pubout); without it, the key the checkpoints"
              + " carry")
  private Path publicKey;

  @Option(
      names = "--case",
      paramLabel = "CASE_ID",
      description =
          "Report on one case: the spans carrying its id and the numbers its checkpoints give it")
  private String caseId;

  @Option(names = "--json", description = "Print the report as JSON")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      EvidenceCheck check =
          new EvidenceCheck(publicKey == null ? null : readKey(publicKey), caseId);
      source.read(check::add);
      VerificationReport report = check.report();
      out.print(json ? report.toJson() + "\n" : report.toText());
      out.flush();
      return report.exitCode();
    } catch (IOException | GeneralSecurityException e) {
      err.println("custody verify: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private static PublicKey readKey(Path path) throws IOException, GeneralSecurityException {
    try {
      return CheckpointKey.publicKeyFromPem(Files.readString(path, StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(path + ": " + e.getMessage(), e);
    }
  }
}
