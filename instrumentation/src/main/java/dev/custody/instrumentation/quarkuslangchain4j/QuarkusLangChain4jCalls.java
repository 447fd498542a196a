package dev.custody.instrumentation.quarkuslangchain4j;

import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import dev.langchain4j.invocation.InvocationContext;
import io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodCreateInfo;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** What the Quarkus LangChain4j advice records about AI service calls. */
public final class QuarkusLangChain4jCalls {

  private static final AgentCases CASES = new AgentCases("dev.custody.quarkus-langchain4j-1.0");

  /** Mutiny's stream, which a streamed AI service method returns before it has run. */
  private static final String MULTI = "io.smallrye.mutiny.Multi";

  private QuarkusLangChain4jCalls() {}

  /**
   * Starts the invocation of an AI service method, named after its interface; null for a streamed
   * method, whose work goes on after the call returns (not traced as a case yet).
   */
  public static AgentInvocation startInvocation(
      AiServiceMethodCreateInfo method, InvocationContext invocationContext) {
    if (method == null || invocationContext == null || isMulti(method.getReturnType())) {
      return null;
    }
    String service = invocationContext.interfaceName();
    String agentName = service.substring(service.lastIndexOf('.') + 1);
    AgentInvocation invocation =
        CASES.start(agentName, agentName + "." + invocationContext.methodName());
    if (invocation != null && isRequestMemory(invocationContext)) {
      invocation.recordNoConversation();
    }
    return invocation;
  }

  /**
   * Without a {@code @MemoryId} or a memory id provider of the app's, Quarkus keeps the chat memory
   * of the request's scope, named {@code <scope state>#<interface>.<method>}: no conversation.
   */
  private static boolean isRequestMemory(InvocationContext invocationContext) {
    return invocationContext.chatMemoryId() instanceof String memoryId
        && memoryId.endsWith(
            "#" + invocationContext.interfaceName() + "." + invocationContext.methodName());
  }

  /** The AI service method returned or threw. */
  public static void endInvocation(AgentInvocation invocation, Throwable error) {
    if (invocation != null) {
      CASES.end(invocation, error);
    }
  }

  private static boolean isMulti(Type type) {
    Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
    return raw instanceof Class<?> rawClass && rawClass.getName().equals(MULTI);
  }
}
