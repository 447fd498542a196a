package dev.custody.core.escalations;

import static dev.custody.core.CustodyAttributes.ESCALATION_ASKED;
import static dev.custody.core.CustodyAttributes.ESCALATION_KIND;
import static dev.custody.core.CustodyAttributes.ESCALATION_OUTCOME;
import static dev.custody.core.CustodyAttributes.ESCALATION_REQUEST;
import static dev.custody.core.CustodyAttributes.ESCALATION_REQUEST_HASH;
import static dev.custody.core.CustodyAttributes.ESCALATION_WAIT_MS;

import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import java.util.concurrent.TimeUnit;

/**
 * An escalation's kind and question (captured as a prompt: it is put to a human), then its outcome
 * and wait.
 */
final class EscalationAttributesExtractor
    implements AttributesExtractor<EscalationRequest, String> {

  @Override
  public void onStart(AttributesBuilder attributes, Context parent, EscalationRequest request) {
    attributes.put(ESCALATION_KIND, request.kind());
    if (request.asked() != null) {
      attributes.put(ESCALATION_ASKED, request.asked());
    }
    ContentPolicy.capture(ContentFamily.PROMPT, request.question())
        .putOn(attributes, ESCALATION_REQUEST, ESCALATION_REQUEST_HASH);
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      EscalationRequest request,
      String outcome,
      Throwable error) {
    if (outcome != null) {
      attributes.put(ESCALATION_OUTCOME, outcome);
    }
    attributes.put(
        ESCALATION_WAIT_MS,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.askedAtNanos()));
  }
}
