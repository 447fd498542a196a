package dev.custody.core.policy;

import static dev.custody.core.CustodyAttributes.OPERATION_POLICY_DECISION;

import dev.custody.core.SpanNames;

/**
 * What a policy engine was asked.
 *
 * @param engine {@code opa}, {@code cedar} or {@code avp}
 * @param store the policy store asked (a Verified Permissions policy store id), or null
 * @param policyId the policy asked for when the question names it (an OPA document path), or null
 * @param input the input as the engine received it, captured per the {@code policy} content mode;
 *     null when unread
 * @param target what the span's name says was asked ({@link SpanNames}): an OPA document path,
 *     {@code query} for an ad-hoc query; null when the name says no more than the engine
 */
public record PolicyQuery(
    String engine, String store, String policyId, String input, String target) {

  /** The span's name, {@code policy_decision {engine} {target}}. */
  public String spanName() {
    return SpanNames.of(OPERATION_POLICY_DECISION, engine, target);
  }
}
