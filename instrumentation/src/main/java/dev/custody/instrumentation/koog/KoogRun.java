package dev.custody.instrumentation.koog;

import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.context.Context;

/**
 * One run of a Koog agent: its invocation, and the model turn or tool call in progress in it, whose
 * context each resumption of Koog's prompt executor or tool environment makes current again.
 */
final class KoogRun {

  private final AgentInvocation invocation;
  private volatile Context inProgress;

  KoogRun(AgentInvocation invocation) {
    this.invocation = invocation;
  }

  AgentInvocation invocation() {
    return invocation;
  }

  /** The run's own context: its span, its case id in baggage. */
  Context context() {
    return invocation.context();
  }

  /** The turn or tool call in progress, else the run's own context. */
  Context current() {
    Context operation = inProgress;
    return operation == null ? invocation.context() : operation;
  }

  void started(Context operation) {
    inProgress = operation;
  }

  void ended(Context operation) {
    if (inProgress == operation) {
      inProgress = null;
    }
  }
}
