package dev.custody.extension;

import dev.custody.exporter.buffer.BufferSettings;
import dev.custody.exporter.buffer.BufferedSpanExporter;
import dev.custody.exporter.integrity.EvidenceStream;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Puts the {@code custody.buffer.*} durable buffer between Custody's span pipeline and each OTLP
 * exporter: scrubbed, numbered spans and their checkpoints wait on disk until the collector took
 * them. Other exporters ({@code custody-file}, {@code console}...) are local and left as they are.
 */
final class DurableBuffer {

  static final String EXPORT_TIMEOUT = "otel.bsp.export.timeout";
  static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(30);

  private DurableBuffer() {}

  /** {@code exporter} behind a buffer that names what it drops to {@code evidence} (if any). */
  static SpanExporter around(
      SpanExporter exporter, ConfigProperties config, EvidenceStream evidence, Logger logger) {
    if (!isOtlp(exporter)) {
      return exporter;
    }
    return BufferedSpanExporter.wrap(
        exporter,
        BufferSettings.read(config, logger::warning),
        config.getDuration(EXPORT_TIMEOUT, DEFAULT_EXPORT_TIMEOUT),
        evidence == null ? dropped -> {} : evidence::dropped,
        logger::info,
        logger::warning);
  }

  static boolean isOtlp(SpanExporter exporter) {
    return exporter.getClass().getName().startsWith("io.opentelemetry.exporter.otlp.");
  }
}
