package dev.custody.instrumentation.mcp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A (stateful) {@code McpAsyncServer}, which the sync server wraps, builds its {@code tools/call}
 * handler once, for every transport (stdio, SSE, Streamable HTTP): the handler it registers is
 * traced.
 */
public final class McpAsyncServerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.modelcontextprotocol.server.McpAsyncServer");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("toolsCallRequestHandler").and(takesArguments(0)),
        getClass().getName() + "$ToolsCallHandlerAdvice");
  }

  @SuppressWarnings("unused")
  public static class ToolsCallHandlerAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Return(readOnly = false) McpRequestHandler<CallToolResult> handler) {
      handler = TracedToolsCallHandler.wrap(handler);
    }
  }
}
