package dev.custody.instrumentation.langchain4j;

import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import java.lang.reflect.Method;

/** What the LangChain4j advice records: the logic lives here, the advice only forwards its arguments. */
public final class LangChain4jSingletons {

  private static final AgentCases CASES = new AgentCases("dev.custody.langchain4j-1.0");

  private LangChain4jSingletons() {}

  /** Starts an invocation for a call of an AI service method; null for methods that are not AI calls. */
  public static AgentInvocation startInvocation(Object proxy, Method method) {
    Class<?> declaring = method.getDeclaringClass();
    if (method.isDefault()
        || declaring == Object.class
        || declaring.getName().equals("dev.langchain4j.service.memory.ChatMemoryAccess")) {
      return null;
    }
    Class<?>[] interfaces = proxy.getClass().getInterfaces();
    String agentName = (interfaces.length > 0 ? interfaces[0] : declaring).getSimpleName();
    return CASES.start(agentName, agentName + "." + method.getName());
  }

  public static void endInvocation(AgentInvocation invocation, Throwable error) {
    CASES.end(invocation, error);
  }
}
