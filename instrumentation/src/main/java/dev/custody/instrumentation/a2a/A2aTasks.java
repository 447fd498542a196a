package dev.custody.instrumentation.a2a;

import static dev.custody.core.CustodyAttributes.HANDOFF_A2A;

import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import dev.custody.core.cases.Handoffs;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.spec.Message;

/**
 * An A2A server's side of the hop: each task runs as an {@code invoke_agent} case root named after
 * its executor (the simple name less {@code Executor}), whose intent is the message's text and
 * whose conversation is the A2A context. It keeps the case id the request brought; without one it
 * opens a case and says the chain is cut.
 */
public final class A2aTasks {

  private static final AgentCases CASES =
      new AgentCases(A2aInstrumentationModule.INSTRUMENTATION_NAME);

  private A2aTasks() {}

  /** Starts the task's invocation; null when tracing is suppressed. */
  public static AgentInvocation start(Object executor, RequestContext request) {
    String agentName = agentName(executor.getClass());
    AgentInvocation invocation = CASES.startHandedOff(agentName, agentName + ".execute");
    if (invocation == null) {
      return null;
    }
    Message message = request.getMessage();
    Handoffs.received(
        invocation, HANDOFF_A2A, request.getTaskId(), message == null ? null : message.messageId());
    invocation.recordConversationId(request.getContextId());
    if (message != null) {
      invocation.recordIntent(request.getUserInput("\n"), null);
    }
    return invocation;
  }

  public static void end(AgentInvocation invocation, Throwable error) {
    if (invocation != null) {
      CASES.end(invocation, error);
    }
  }

  static String agentName(Class<?> executor) {
    String name = executor.getSimpleName();
    if (name.isEmpty()) {
      name = executor.getName().substring(executor.getName().lastIndexOf('.') + 1);
    }
    return name.endsWith("Executor") && name.length() > "Executor".length()
        ? name.substring(0, name.length() - "Executor".length())
        : name;
  }
}
