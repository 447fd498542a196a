package dev.custody.cli;

import dev.custody.exporter.SdkInternals;
import dev.custody.exporter.file.OtlpJsonFileSpanExporter;
import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.EvidenceChain;
import dev.custody.exporter.integrity.EvidenceStream;
import dev.custody.exporter.integrity.IntegritySpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/**
 * The real pipeline of an {@code orders-agent} process exporting to {@code custody-file}: each span
 * numbered as it ends, and checkpoints signed with {@code key} exported with the spans.
 */
public final class SignedFileExport {

  private SignedFileExport() {}

  public static EvidenceStream stream(String streamId, CheckpointKey key)
      throws GeneralSecurityException {
    return new EvidenceStream(
        new EvidenceChain(
            streamId,
            key,
            TimeUnit.SECONDS.toNanos(30),
            System::nanoTime,
            () -> TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis())),
        TimeUnit.HOURS.toNanos(1),
        System::nanoTime);
  }

  public static SdkTracerProvider tracing(Path file, EvidenceStream stream) {
    return SdkTracerProvider.builder()
        .setResource(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders-agent")))
        .addSpanProcessor(SdkInternals.onEnding(stream::ending))
        .addSpanProcessor(
            SimpleSpanProcessor.create(
                new IntegritySpanExporter(new OtlpJsonFileSpanExporter(file), stream)))
        .build();
  }
}
