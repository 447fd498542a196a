package dev.custody.extension.metrics;

import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_KIND;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OBTAINED_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.FINDINGS;
import static dev.custody.core.CustodyAttributes.FINDING_RULE;
import static dev.custody.core.CustodyAttributes.GEN_AI_AGENT_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_NAME;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;
import static dev.custody.core.CustodyAttributes.POLICY_ENGINE;
import static dev.custody.core.CustodyAttributes.POLICY_ID;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.TEARDOWN_KIND;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.List;

/**
 * The fleet metrics (docs/metrics.md) and how an ended span adds to them. Every attribute value is
 * bounded ({@link BoundedValues}); no case id, user or free text is ever one.
 */
final class CaseCounters {

  /** {@code ok}, {@code error} or {@code denied}: how a tool call ended. */
  static final AttributeKey<String> TOOL_OUTCOME = AttributeKey.stringKey("custody.tool.outcome");

  /** The decision of a policy engine that failed to decide. */
  static final String NO_DECISION = "error";

  private final LongCounter cases;
  private final LongCounter toolCalls;
  private final LongCounter decisions;
  private final LongCounter issued;
  private final LongCounter outstanding;
  private final LongCounter findings;
  private final BoundedValues agents = new BoundedValues(100);
  private final BoundedValues workloads = new BoundedValues(100);
  private final BoundedValues tools = new BoundedValues(100);
  private final BoundedValues engines = new BoundedValues(20);
  private final BoundedValues policies = new BoundedValues(100);
  private final BoundedValues decided = new BoundedValues(20);
  private final BoundedValues providers = new BoundedValues(50);
  private final BoundedValues kinds = new BoundedValues(50);
  private final BoundedValues rules = new BoundedValues(20);

  CaseCounters(Meter meter) {
    cases = counter(meter, "custody.cases", "{case}", "Cases (agent tasks) that ended");
    toolCalls = counter(meter, "custody.tool.calls", "{call}", "Tool calls that ended");
    decisions =
        counter(meter, "custody.policy.decisions", "{decision}", "Decisions of policy engines");
    issued =
        counter(
            meter,
            "custody.credentials.issued",
            "{credential}",
            "Credentials obtained by fetches and refreshes");
    outstanding =
        counter(
            meter,
            "custody.credentials.outstanding_at_case_end",
            "{credential}",
            "Credentials still granting authority when their case ended");
    findings =
        counter(
            meter,
            "custody.findings",
            "{case}",
            "Cases that ended with a finding of a rule, by rule (a case counts once per rule)");
  }

  private static LongCounter counter(Meter meter, String name, String unit, String description) {
    return meter.counterBuilder(name).setUnit(unit).setDescription(description).build();
  }

  /** A case root, the outermost {@code invoke_agent}: the only one with a completeness verdict. */
  void agentInvocationEnded(ReadableSpan invocation) {
    Boolean complete = invocation.getAttribute(RECORD_COMPLETE);
    if (complete == null) {
      return;
    }
    String agent = agents.of(invocation.getAttribute(GEN_AI_AGENT_NAME));
    String workload = workloads.of(invocation.getAttribute(WORKLOAD_ID));
    boolean denied = Boolean.TRUE.equals(invocation.getAttribute(POLICY_DENIED));
    cases.add(
        1,
        Attributes.of(
            GEN_AI_AGENT_NAME,
            agent,
            WORKLOAD_ID,
            workload,
            RECORD_COMPLETE,
            complete,
            POLICY_DENIED,
            denied));
    Long held = invocation.getAttribute(CREDENTIALS_OUTSTANDING);
    if (held != null && held > 0) {
      outstanding(invocation, held, agent, workload);
    }
    List<String> found = invocation.getAttribute(FINDINGS);
    if (found != null) {
      for (String rule : found) {
        findings.add(
            1,
            Attributes.of(
                FINDING_RULE, rules.of(rule), GEN_AI_AGENT_NAME, agent, WORKLOAD_ID, workload));
      }
    }
  }

  /**
   * The root's {@code held} outstanding credentials by provider and kind, as its {@code
   * custody.credential.outstanding} events name them; any the span's event limit left unnamed count
   * as unknown.
   */
  private void outstanding(ReadableSpan invocation, long held, String agent, String workload) {
    long named = 0;
    for (EventData event : invocation.toSpanData().getEvents()) {
      if (CREDENTIAL_OUTSTANDING_EVENT.equals(event.getName()) && named < held) {
        Attributes facts = event.getAttributes();
        outstanding.add(
            1,
            outstandingAttributes(
                agent, workload, facts.get(CREDENTIAL_PROVIDER), facts.get(CREDENTIAL_KIND)));
        named++;
      }
    }
    if (named < held) {
      outstanding.add(held - named, outstandingAttributes(agent, workload, null, null));
    }
  }

  private Attributes outstandingAttributes(
      String agent, String workload, String provider, String kind) {
    return Attributes.of(
        GEN_AI_AGENT_NAME,
        agent,
        WORKLOAD_ID,
        workload,
        CREDENTIAL_PROVIDER,
        providers.of(provider),
        CREDENTIAL_KIND,
        kinds.of(kind));
  }

  void toolCallEnded(ReadableSpan call) {
    String outcome;
    if (Boolean.TRUE.equals(call.getAttribute(POLICY_DENIED))) {
      outcome = "denied";
    } else if (call.getAttribute(ERROR_TYPE) != null) {
      outcome = "error";
    } else {
      outcome = "ok";
    }
    toolCalls.add(
        1,
        Attributes.of(
            GEN_AI_TOOL_NAME,
            tools.of(call.getAttribute(GEN_AI_TOOL_NAME)),
            TOOL_OUTCOME,
            outcome));
  }

  void decisionEnded(ReadableSpan decision) {
    String value = decision.getAttribute(POLICY_DECISION);
    decisions.add(
        1,
        Attributes.of(
            POLICY_ENGINE, engines.of(decision.getAttribute(POLICY_ENGINE)),
            POLICY_ID, policies.of(decision.getAttribute(POLICY_ID)),
            POLICY_DECISION, value == null ? NO_DECISION : decided.of(value)));
  }

  /**
   * A credential span that obtained: a fetch or refresh (no teardown) that did not fail, with the
   * facts of one credential, or one {@code custody.credential.obtained} event per credential.
   */
  void credentialSpanEnded(ReadableSpan span) {
    if (span.getAttribute(TEARDOWN_KIND) != null || span.getAttribute(ERROR_TYPE) != null) {
      return;
    }
    if (span.getAttribute(CREDENTIAL_ID) != null) {
      if (span.getAttribute(CREDENTIAL_KIND) != null) {
        issued(span.getAttribute(CREDENTIAL_PROVIDER), span.getAttribute(CREDENTIAL_KIND));
      }
      return;
    }
    for (EventData event : span.toSpanData().getEvents()) {
      if (CREDENTIAL_OBTAINED_EVENT.equals(event.getName())) {
        Attributes facts = event.getAttributes();
        issued(facts.get(CREDENTIAL_PROVIDER), facts.get(CREDENTIAL_KIND));
      }
    }
  }

  private void issued(String provider, String kind) {
    issued.add(
        1,
        Attributes.of(
            CREDENTIAL_PROVIDER, providers.of(provider), CREDENTIAL_KIND, kinds.of(kind)));
  }
}
