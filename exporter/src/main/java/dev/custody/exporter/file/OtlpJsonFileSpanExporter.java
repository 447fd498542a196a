package dev.custody.exporter.file;

import dev.custody.exporter.SdkInternals;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends each export as one line of OTLP JSON ({@code ExportTraceServiceRequest}) to a file: the
 * format the OpenTelemetry Collector's {@code otlpjsonfile} receiver ingests. A write that fails (a
 * full disk, a directory that went away) loses that batch, never the application's time: the file
 * is reopened for the next batch, a line cut by the failure is ended first, and the loss is
 * reported once when it starts and once, with its size, when writing works again.
 */
public final class OtlpJsonFileSpanExporter implements SpanExporter {

  private static final Logger logger = Logger.getLogger(OtlpJsonFileSpanExporter.class.getName());

  private final Path path;
  private FileChannel out;
  private long lostSpans;
  private long lostBatches;
  private boolean shutdown;

  public OtlpJsonFileSpanExporter(Path path) {
    this.path = path;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      SdkInternals.writeOtlpJson(spans, line);
      line.write('\n');
      write(ByteBuffer.wrap(line.toByteArray()));
      if (lostBatches > 0) {
        logger.log(
            Level.WARNING,
            "Custody: writing traces to "
                + path.toAbsolutePath()
                + " again; "
                + lostSpans
                + " spans in "
                + lostBatches
                + " batches were lost while it failed.");
        lostSpans = 0;
        lostBatches = 0;
      }
      return CompletableResultCode.ofSuccess();
    } catch (IOException | RuntimeException e) {
      if (lostBatches == 0) {
        logger.log(
            Level.WARNING,
            "Custody: cannot write traces to "
                + path.toAbsolutePath()
                + " ("
                + e
                + "); their spans are lost"
                + " until a write succeeds, tried again with each batch.");
      }
      lostSpans += spans.size();
      lostBatches++;
      closeQuietly();
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
    if (lostBatches > 0) {
      logger.log(
          Level.WARNING,
          "Custody: "
              + lostSpans
              + " spans in "
              + lostBatches
              + " batches could not be written to "
              + path.toAbsolutePath()
              + ".");
    }
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        return CompletableResultCode.ofFailure();
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  private void write(ByteBuffer line) throws IOException {
    if (out == null) {
      out = open();
    }
    while (line.hasRemaining()) {
      out.write(line);
    }
  }

  /** Opens the file for appending; ends a line that an earlier failed write left cut. */
  private FileChannel open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    boolean endsCut = endsWithoutNewline();
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (endsCut) {
      try {
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
      } catch (IOException e) {
        channel.close();
        throw e;
      }
    }
    return channel;
  }

  private boolean endsWithoutNewline() throws IOException {
    if (!Files.exists(path)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer last = ByteBuffer.allocate(1);
      return size > 0 && channel.read(last, size - 1) == 1 && last.get(0) != '\n';
    }
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // The channel is dropped either way; the next batch opens the file anew.
      }
      out = null;
    }
  }

  @Override
  public String toString() {
    return "OtlpJsonFileSpanExporter{path=" + path + "}";
  }
}
