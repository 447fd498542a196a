package dev.custody.core;

import io.opentelemetry.context.Context;

/** Starts and ends the spans of one kind of operation (credential operations, policy decisions). */
public interface OperationSpans<REQUEST, RESULT> {

  /**
   * Starts the span of {@code request} under {@code parent}; null when tracing is suppressed there.
   */
  Context start(Context parent, REQUEST request);

  /** Ends the span with what the operation came to: its result, or the error its caller got. */
  void end(Context context, REQUEST request, RESULT result, Throwable error);
}
