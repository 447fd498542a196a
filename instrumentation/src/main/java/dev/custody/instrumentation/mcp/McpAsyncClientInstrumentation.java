package dev.custody.instrumentation.mcp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.custody.core.mcp.McpCall;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;

/**
 * {@code McpAsyncClient.callTool}, which the sync client delegates to: the client span of a tool
 * call, its context sent in the request's {@code _meta}, ended when the returned (lazy) {@code
 * Mono} completes.
 */
public final class McpAsyncClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.modelcontextprotocol.client.McpAsyncClient");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("callTool")
            .and(takesArguments(1))
            .and(takesArgument(0, named("io.modelcontextprotocol.spec.McpSchema$CallToolRequest"))),
        getClass().getName() + "$CallToolAdvice");
  }

  @SuppressWarnings("unused")
  public static class CallToolAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static McpCall onEnter(
        @Advice.This McpAsyncClient client,
        @Advice.FieldValue("transport") Object transport,
        @Advice.Argument(value = 0, readOnly = false) CallToolRequest request) {
      McpCall call = McpSdkCalls.startClient(client, transport, request);
      if (call != null) {
        request = McpSdkCalls.withTraceContext(call, request);
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter McpCall call,
        @Advice.Return(readOnly = false) Mono<CallToolResult> result,
        @Advice.Thrown Throwable error) {
      if (call != null) {
        result = McpSdkCalls.endWhenDone(call, result, error);
      }
    }
  }
}
