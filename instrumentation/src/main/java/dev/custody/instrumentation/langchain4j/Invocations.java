package dev.custody.instrumentation.langchain4j;

import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AgentInvocation;
import dev.langchain4j.invocation.InvocationContext;
import io.opentelemetry.context.Context;
import java.util.UUID;

/**
 * LangChain4j 1.6+ gives each AI service call an {@code InvocationContext} with an invocation id,
 * which reaches the tools wherever they run (a worker pool, virtual threads, streaming callbacks);
 * this maps the id to our invocation. Kept apart so older versions never load these types. Weak: an
 * entry lives as long as LangChain4j keeps the id.
 */
final class Invocations {

  private static final AgentInternals.Cache<UUID, AgentInvocation> BY_ID =
      AgentInternals.weakCache();

  private Invocations() {}

  static void register(InvocationContext invocationContext, AgentInvocation invocation) {
    if (invocationContext != null && invocationContext.invocationId() != null) {
      BY_ID.put(invocationContext.invocationId(), invocation);
    }
  }

  /** Our invocation for LangChain4j's; null when unknown. */
  static AgentInvocation find(InvocationContext invocationContext) {
    if (invocationContext == null || invocationContext.invocationId() == null) {
      return null;
    }
    return BY_ID.get(invocationContext.invocationId());
  }

  /**
   * The context work of an invocation belongs in: the invocation's own, else whatever is current.
   */
  static Context parentOf(Object invocationContext) {
    AgentInvocation invocation =
        invocationContext instanceof InvocationContext known ? find(known) : null;
    return invocation != null ? invocation.context() : Context.current();
  }
}
