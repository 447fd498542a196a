package dev.custody.exporter.integrity;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * Numbers every span as it ends, while it can still take attributes: {@code
 * custody.integrity.stream} and {@code custody.integrity.seq}. Runs on the application's thread: an
 * increment and two attributes, nothing else.
 */
public final class IntegritySpanProcessor implements ExtendedSpanProcessor {

  private final EvidenceStream stream;

  public IntegritySpanProcessor(EvidenceStream stream) {
    this.stream = stream;
  }

  @Override
  public void onEnding(ReadWriteSpan span) {
    stream.ending(span);
  }

  @Override
  public boolean isOnEndingRequired() {
    return true;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
