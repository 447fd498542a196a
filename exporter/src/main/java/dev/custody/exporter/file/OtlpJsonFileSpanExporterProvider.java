package dev.custody.exporter.file;

import dev.custody.core.config.CustodyConfig;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;

/**
 * {@code otel.traces.exporter=custody-file}: OTLP JSON lines to {@code custody.file.path}, as
 * published by the extension's settings, which are read before any exporter is made.
 */
public final class OtlpJsonFileSpanExporterProvider implements ConfigurableSpanExporterProvider {

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new OtlpJsonFileSpanExporter(Path.of(CustodyConfig.current().filePath()));
  }

  @Override
  public String getName() {
    return "custody-file";
  }
}
