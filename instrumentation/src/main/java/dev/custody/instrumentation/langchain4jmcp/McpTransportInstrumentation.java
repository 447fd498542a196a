package dev.custody.instrumentation.langchain4jmcp;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.langchain4j.mcp.client.McpCallContext;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every langchain4j-mcp transport (Streamable HTTP, SSE, stdio, WebSocket) sends a request through
 * {@code executeOperationWithResponse(McpCallContext)}, on the thread that runs the tool and after
 * the client applied its own {@code _meta}: the last moment to add the trace context to a tool
 * call.
 */
public final class McpTransportInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return implementsInterface(named("dev.langchain4j.mcp.client.transport.McpTransport"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("executeOperationWithResponse")
            .and(takesArguments(1))
            .and(takesArgument(0, named("dev.langchain4j.mcp.client.McpCallContext")))
            .and(not(isAbstract())),
        getClass().getName() + "$ExecuteAdvice");
  }

  @SuppressWarnings("unused")
  public static class ExecuteAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.Argument(0) McpCallContext context) throws Exception {
      LangChain4jMcpMeta.addTraceContext(context);
    }
  }
}
