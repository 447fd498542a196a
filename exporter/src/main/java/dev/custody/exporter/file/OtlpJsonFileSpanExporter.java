package dev.custody.exporter.file;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends each export as one line of OTLP JSON ({@code ExportTraceServiceRequest}) to a file: the format the
 * OpenTelemetry Collector's {@code otlpjsonfile} receiver ingests. A file that cannot be written is reported once and
 * the spans are dropped; the application is never disturbed.
 */
public final class OtlpJsonFileSpanExporter implements SpanExporter {

  private static final Logger logger = Logger.getLogger(OtlpJsonFileSpanExporter.class.getName());

  private final Path path;
  private OutputStream out;
  private boolean failed;
  private boolean shutdown;

  public OtlpJsonFileSpanExporter(Path path) {
    this.path = path;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown || failed) {
      return CompletableResultCode.ofFailure();
    }
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      TraceRequestMarshaler.create(spans).writeJsonTo(line);
      line.write('\n');
      stream().write(line.toByteArray());
      out.flush();
      return CompletableResultCode.ofSuccess();
    } catch (IOException | RuntimeException e) {
      failed = true;
      logger.log(
          Level.WARNING,
          "Custody: cannot write traces to " + path.toAbsolutePath() + " (" + e + "); file export is off.");
      return CompletableResultCode.ofFailure();
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    shutdown = true;
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        return CompletableResultCode.ofFailure();
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  private OutputStream stream() throws IOException {
    if (out == null) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = new FileOutputStream(path.toFile(), true);
    }
    return out;
  }

  @Override
  public String toString() {
    return "OtlpJsonFileSpanExporter{path=" + path + "}";
  }
}
