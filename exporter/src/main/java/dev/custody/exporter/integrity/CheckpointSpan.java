package dev.custody.exporter.integrity;

import static dev.custody.core.CustodyAttributes.CHECKPOINT_CASES;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_CORE;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_COUNT;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_DROPPED;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_FIRST_SEQ;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_FORMAT;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_FULL;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_INDEX;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_KEY_ID;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_KEY_SOURCE;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_LAST_SEQ;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_PREVIOUS;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_PUBLIC_KEY;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_REASON;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_SIGNATURE;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_SPAN_NAME;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_TIME;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A signed checkpoint as the span that carries it: {@code custody.checkpoint}, alone in a trace of
 * its own, with every field of the checkpoint and its signature as attributes. It is handed to the
 * exporters directly, after scrubbing (it holds only digests and a public key) and without a
 * sequence number of its own: checkpoints chain by their {@code previous} hash.
 */
record CheckpointSpan(
    SpanContext getSpanContext,
    Attributes getAttributes,
    long getStartEpochNanos,
    Resource getResource)
    implements SpanData {

  static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.create("custody-integrity");

  static CheckpointSpan of(SignedCheckpoint signed, Resource resource) {
    Checkpoint checkpoint = signed.checkpoint();
    IdGenerator ids = IdGenerator.random();
    return new CheckpointSpan(
        SpanContext.create(
            ids.generateTraceId(),
            ids.generateSpanId(),
            TraceFlags.getSampled(),
            TraceState.getDefault()),
        Attributes.builder()
            .put(INTEGRITY_STREAM, checkpoint.stream())
            .put(CHECKPOINT_FORMAT, Checkpoint.FORMAT)
            .put(CHECKPOINT_INDEX, checkpoint.index())
            .put(CHECKPOINT_FIRST_SEQ, checkpoint.firstSeq())
            .put(CHECKPOINT_LAST_SEQ, checkpoint.lastSeq())
            .put(CHECKPOINT_COUNT, checkpoint.count())
            .put(CHECKPOINT_CORE, checkpoint.coreDigests())
            .put(CHECKPOINT_FULL, checkpoint.fullDigests())
            .put(CHECKPOINT_CASES, checkpoint.cases())
            .put(CHECKPOINT_DROPPED, checkpoint.dropped())
            .put(CHECKPOINT_PREVIOUS, checkpoint.previous())
            .put(CHECKPOINT_TIME, checkpoint.timeMicros())
            .put(CHECKPOINT_REASON, checkpoint.reason())
            .put(CHECKPOINT_KEY_ID, checkpoint.keyId())
            .put(CHECKPOINT_PUBLIC_KEY, checkpoint.publicKey())
            .put(CHECKPOINT_KEY_SOURCE, checkpoint.keySource())
            .put(CHECKPOINT_SIGNATURE, signed.signature())
            .build(),
        TimeUnit.MICROSECONDS.toNanos(checkpoint.timeMicros()),
        resource);
  }

  @Override
  public String getName() {
    return CHECKPOINT_SPAN_NAME;
  }

  @Override
  public SpanKind getKind() {
    return SpanKind.INTERNAL;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return SpanContext.getInvalid();
  }

  @Override
  public StatusData getStatus() {
    return StatusData.unset();
  }

  @Override
  public List<EventData> getEvents() {
    return List.of();
  }

  @Override
  public List<LinkData> getLinks() {
    return List.of();
  }

  @Override
  public long getEndEpochNanos() {
    return getStartEpochNanos;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return 0;
  }

  @Override
  public int getTotalRecordedLinks() {
    return 0;
  }

  @Override
  public int getTotalAttributeCount() {
    return getAttributes.size();
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return SCOPE;
  }

  @Override
  @SuppressWarnings("deprecation") // SpanData still requires it
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(SCOPE.getName(), null);
  }
}
