package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE;
import static dev.custody.core.CustodyAttributes.OPERATION_INVOKE_AGENT;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static dev.custody.core.CustodyAttributes.UNKNOWN_WORKLOAD;
import static dev.custody.core.CustodyAttributes.UPSTREAM_CASE_IDS;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static dev.custody.core.CustodyAttributes.WORKLOAD_PRINCIPAL;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.WorkloadAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The attributes of an {@code invoke_agent} span, and on a case root the identity and completeness
 * verdict. Each is written once: what may be learnt while the invocation runs (the objective, the
 * role's session) when it ends.
 */
final class CaseAttributesExtractor implements AttributesExtractor<AgentInvocation, Object> {

  @Override
  public void onStart(
      AttributesBuilder attributes, Context parentContext, AgentInvocation invocation) {
    attributes.put(GEN_AI_OPERATION_NAME, OPERATION_INVOKE_AGENT);
    attributes.put(GEN_AI_AGENT_NAME, invocation.agentName());
    if (invocation.caseRoot()) {
      attributes.put(WORKLOAD_ID, UNKNOWN_WORKLOAD);
      putWorkloadIdentity(attributes);
      List<String> upstream = UpstreamCases.caseIds(parentContext);
      if (upstream != null) {
        attributes.put(UPSTREAM_CASE_IDS, upstream);
      }
    }
  }

  /**
   * The workload identity as published now, so a case started after a rotation carries the new
   * credential.
   */
  @SuppressWarnings("unchecked")
  private static void putWorkloadIdentity(AttributesBuilder attributes) {
    for (Map.Entry<String, Object> attribute : WorkloadAttributes.values().entrySet()) {
      if (attribute.getKey().equals(WORKLOAD_PRINCIPAL.getKey())) {
        continue; // written at the end
      }
      if (attribute.getValue() instanceof String value) {
        attributes.put(AttributeKey.stringKey(attribute.getKey()), value);
      } else if (attribute.getValue() instanceof List<?> values) {
        attributes.put(AttributeKey.stringArrayKey(attribute.getKey()), (List<String>) values);
      }
    }
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      AgentInvocation invocation,
      Object response,
      Throwable error) {
    if (error != null) {
      attributes.put(ERROR_TYPE, error.getClass().getName());
    }
    if (!invocation.objectiveRecorded()) {
      attributes.put(INTENT_OBJECTIVE, invocation.defaultObjective());
    }
    if (invocation.caseRoot()) {
      // The role's session may first be taken inside this case.
      if (WorkloadAttributes.values().get(WORKLOAD_PRINCIPAL.getKey())
          instanceof String principal) {
        attributes.put(WORKLOAD_PRINCIPAL, principal);
      }
      List<String> missing = missingFacts(invocation, context);
      attributes.put(RECORD_COMPLETE, missing.isEmpty());
      attributes.put(RECORD_MISSING, missing);
    }
  }

  /** What an investigator would need but this record lacks. */
  private static List<String> missingFacts(AgentInvocation invocation, Context context) {
    List<String> missing = new ArrayList<>(2);
    if (!invocation.intentRecorded()) {
      missing.add("intent");
    }
    Object workloadId = WorkloadAttributes.values().get(WORKLOAD_ID.getKey());
    if (workloadId == null || workloadId.equals(UNKNOWN_WORKLOAD)) {
      missing.add("workload_identity");
    }
    CaseRecord record = CaseRecords.of(context);
    if (record != null && record.credentialsDropped()) {
      missing.add("credentials");
    }
    if (UpstreamCases.cutAt(context) != null) {
      missing.add("upstream_case");
    }
    return missing;
  }
}
