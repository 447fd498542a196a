package dev.custody.cli.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a command reads spans from, as every command takes it: {@code (--file PATH | --zipkin URL |
 * --tempo URL | --jaeger URL) [--service NAME] [--lookback DURATION]}. A picocli mixin.
 */
public final class SourceOptions {

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
      description = "With a backend: the service whose spans to read (default: every service)")
  private String service;

  @Option(
      names = "--lookback",
      paramLabel = "DURATION",
      defaultValue = "PT24H",
      description = "With a backend: how far back from now, ISO-8601 (default: ${DEFAULT-VALUE})")
  private Duration lookback;

  /** Hands every span the source holds to {@code spans}. */
  public void read(Consumer<ReceivedSpan> spans) throws IOException {
    if (source.file != null) {
      OtlpJsonLines.read(source.file, spans);
    } else if (source.zipkin != null) {
      ZipkinApi.read(source.zipkin, service, Instant.now(), lookback, spans);
    } else if (source.tempo != null) {
      TempoApi.read(source.tempo, service, Instant.now(), lookback, spans);
    } else {
      JaegerApi.read(source.jaeger, service, Instant.now(), lookback, spans);
    }
  }
}
