package dev.custody.core.policy;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION_ID;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;
import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.POLICY_INPUT;
import static dev.custody.core.CustodyAttributes.POLICY_INPUT_HASH;
import static dev.custody.core.CustodyAttributes.POLICY_REASON;
import static dev.custody.core.CustodyAttributes.POLICY_REVISION;
import static dev.custody.core.CustodyAttributes.POLICY_STORE;

import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/**
 * The attributes of a {@code policy_decision} span; the input and the reason per the {@code policy}
 * content mode.
 */
final class PolicyAttributesExtractor implements AttributesExtractor<PolicyQuery, PolicyVerdict> {

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, PolicyQuery query) {
    attributes.put(POLICY_ENGINE, query.engine());
    putIfKnown(attributes, POLICY_STORE, query.store());
    ContentPolicy.capture(ContentFamily.POLICY, query.input())
        .putOn(attributes, POLICY_INPUT, POLICY_INPUT_HASH);
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      PolicyQuery query,
      PolicyVerdict verdict,
      Throwable error) {
    if (error != null) {
      attributes.put(ERROR_TYPE, error.getClass().getName());
    }
    // Written once, at the end: the policies the engine says decided, else the one asked for.
    putIfKnown(
        attributes,
        POLICY_ID,
        verdict != null && verdict.policyId() != null ? verdict.policyId() : query.policyId());
    if (verdict == null) {
      return;
    }
    putIfKnown(attributes, POLICY_DECISION, verdict.decision());
    putIfKnown(attributes, POLICY_DECISION_ID, verdict.decisionId());
    putIfKnown(attributes, POLICY_REVISION, verdict.revision());
    putIfKnown(attributes, ERROR_TYPE, verdict.errorType());
    // A reason may quote the input (a user name, a resource): it is content, and its text alone is
    // kept.
    putIfKnown(
        attributes,
        POLICY_REASON,
        ContentPolicy.capture(ContentFamily.POLICY, verdict.reason()).text());
  }

  private static void putIfKnown(
      AttributesBuilder attributes, AttributeKey<String> key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }
}
