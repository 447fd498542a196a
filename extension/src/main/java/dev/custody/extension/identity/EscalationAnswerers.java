package dev.custody.extension.identity;

import static dev.custody.core.CustodyAttributes.ENDUSER_ID;
import static dev.custody.core.CustodyAttributes.ESCALATION_OUTCOME;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * The end user who answered an escalation. An escalation ends where its answer arrives, in the
 * answering request's context ({@code Escalation.answer}): that request's SERVER span, the local
 * root of the current context, names its end user ({@link EndUserSpanProcessor}). The escalation
 * started long before, in the asking request, so it is named as it ends.
 */
public final class EscalationAnswerers {

  private EscalationAnswerers() {}

  /** Names the answering end user on {@code span} if it is an escalation ending with its answer. */
  public static void ending(ReadWriteSpan span) {
    if (span.getAttribute(ESCALATION_OUTCOME) == null) {
      return;
    }
    Span request = LocalRootSpan.fromContextOrNull(Context.current());
    if (request != span && request instanceof ReadableSpan readable) {
      String endUser = readable.getAttribute(ENDUSER_ID);
      if (endUser != null) {
        span.setAttribute(ENDUSER_ID, endUser);
      }
    }
  }
}
