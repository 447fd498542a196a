package dev.custody.core.policy;

/**
 * What a policy engine was asked.
 *
 * @param engine {@code opa}, {@code cedar} or {@code avp}
 * @param store the policy store asked (a Verified Permissions policy store id), or null
 * @param policyId the policy asked for when the question names it (an OPA document path), or null
 * @param input the input as the engine received it, captured per the {@code policy} content mode;
 *     null when unread
 */
public record PolicyQuery(String engine, String store, String policyId, String input) {}
