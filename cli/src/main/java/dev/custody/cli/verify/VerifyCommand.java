package dev.custody.cli.verify;

import dev.custody.cli.source.JaegerApi;
import dev.custody.cli.source.OtlpJsonLines;
import dev.custody.cli.source.TempoApi;
import dev.custody.cli.source.ZipkinApi;
import dev.custody.exporter.integrity.CheckpointKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  static final class Source {
    @Option(
        names = "--file",
        paramLabel = "PATH",
        description =
            "OTLP JSON lines, as custody-file or the Collector's file exporter write them")
    Path file;

    @Option(
        names = "--zipkin",
        paramLabel = "URL",
        description = "A Zipkin server (its v2 API), e.g. http://zipkin:9411")
    URI zipkin;

    @Option(
        names = "--tempo",
        paramLabel = "URL",
        description =
            "A Tempo server (its HTTP API: search, then traces by id), e.g. http://tempo:3200")
    URI tempo;

    @Option(
        names = "--jaeger",
        paramLabel = "URL",
        description = "A Jaeger query service (the API its UI uses), e.g. http://jaeger:16686")
    URI jaeger;
  }

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "With a backend: the service whose spans to verify (default: every service)")
  private String service;

  @Option(
      names = "--lookback",
      paramLabel = "DURATION",
      defaultValue = "PT24H",
      description = "With a backend: how far back from now, ISO-8601 (default: ${DEFAULT-VALUE})")
  private Duration lookback;

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
      if (source.file != null) {
        OtlpJsonLines.read(source.file, check::add);
      } else if (source.zipkin != null) {
        ZipkinApi.read(source.zipkin, service, Instant.now(), lookback, check::add);
      } else if (source.tempo != null) {
        TempoApi.read(source.tempo, service, Instant.now(), lookback, check::add);
      } else {
        JaegerApi.read(source.jaeger, service, Instant.now(), lookback, check::add);
      }
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
