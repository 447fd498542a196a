package dev.custody.extension;

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A span processor that adds to spans as they start, where the agent has put what they are read
 * from.
 */
public abstract class OnStartSpanProcessor implements SpanProcessor {

  @Override
  public final boolean isStartRequired() {
    return true;
  }

  @Override
  public final void onEnd(ReadableSpan span) {}

  @Override
  public final boolean isEndRequired() {
    return false;
  }
}
