package dev.custody.extension.cases;

import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.OPERATION_INVOKE_AGENT;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;

import io.opentelemetry.sdk.trace.ReadableSpan;

/** Tells a case root from the other spans as it starts. */
public final class CaseRoots {

  private CaseRoots() {}

  /** Only case roots carry the workload id among {@code invoke_agent} spans, from their start. */
  public static boolean isCaseRoot(ReadableSpan span) {
    return OPERATION_INVOKE_AGENT.equals(span.getAttribute(GEN_AI_OPERATION_NAME))
        && span.getAttribute(WORKLOAD_ID) != null;
  }
}
