package dev.custody.instrumentation.mcp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.core.mcp.McpCall;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.context.Scope;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;

/**
 * The handler a (stateful) {@code McpAsyncServer} wraps around every tool, sync or async, whatever the transport:
 * the server span of a tool call, current while the handler assembles its result and while that result runs.
 */
public final class CallToolHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.modelcontextprotocol.server.McpAsyncServer$StructuredOutputCallToolHandler");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("apply")
            .and(takesArguments(2))
            .and(takesArgument(0, named("io.modelcontextprotocol.server.McpAsyncServerExchange"))),
        getClass().getName() + "$ApplyAdvice");
  }

  @SuppressWarnings("unused")
  public static class ApplyAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.Argument(0) McpAsyncServerExchange exchange,
        @Advice.Argument(1) CallToolRequest request,
        @Advice.Local("custodyCall") McpCall call,
        @Advice.Local("custodyScope") Scope scope) {
      call = McpSdkCalls.startServer(exchange, request);
      if (call != null) {
        scope = call.context().makeCurrent();
      }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Local("custodyCall") McpCall call,
        @Advice.Local("custodyScope") Scope scope,
        @Advice.Return(readOnly = false) Mono<CallToolResult> result,
        @Advice.Thrown Throwable error) {
      if (scope != null) {
        scope.close();
      }
      if (call != null) {
        result = McpSdkCalls.endWhenDone(call, result, error);
      }
    }
  }
}
