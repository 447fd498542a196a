package dev.custody.extension;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * One of Custody's span processors as the SDK sees it: the SDK calls it as spans start and end on
 * the application's threads and lets what it throws through, so whatever fails in it stays here and
 * the span goes on without what it would have added.
 */
final class GuardedSpanProcessor implements SpanProcessor {

  private final SpanProcessor delegate;

  GuardedSpanProcessor(SpanProcessor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    try {
      delegate.onStart(parentContext, span);
    } catch (Throwable ours) {
      // The span starts as it would without us.
    }
  }

  @Override
  public boolean isStartRequired() {
    return delegate.isStartRequired();
  }

  @Override
  public void onEnd(ReadableSpan span) {
    try {
      delegate.onEnd(span);
    } catch (Throwable ours) {
      // The span ends as it would without us.
    }
  }

  @Override
  public boolean isEndRequired() {
    return delegate.isEndRequired();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return delegate.forceFlush();
  }
}
