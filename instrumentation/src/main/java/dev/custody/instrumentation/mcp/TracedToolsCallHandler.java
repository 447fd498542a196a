package dev.custody.instrumentation.mcp;

import dev.custody.core.mcp.McpCall;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.context.Scope;
import reactor.core.publisher.Mono;

/**
 * A server's {@code tools/call} handler with a SERVER span around each call, current while the
 * tool's result is assembled and while it runs. It sees every call, also those for unknown tools or
 * with invalid arguments.
 */
public final class TracedToolsCallHandler implements McpRequestHandler<CallToolResult> {

  private final McpRequestHandler<CallToolResult> delegate;

  private TracedToolsCallHandler(McpRequestHandler<CallToolResult> delegate) {
    this.delegate = delegate;
  }

  public static McpRequestHandler<CallToolResult> wrap(McpRequestHandler<CallToolResult> handler) {
    return handler == null || handler instanceof TracedToolsCallHandler
        ? handler
        : new TracedToolsCallHandler(handler);
  }

  @Override
  public Mono<CallToolResult> handle(McpAsyncServerExchange exchange, Object params) {
    McpCall call = McpSdkCalls.startServer(exchange, params);
    if (call == null) {
      return delegate.handle(exchange, params);
    }
    Mono<CallToolResult> result;
    try (Scope ignored = call.context().makeCurrent()) {
      result = delegate.handle(exchange, params);
    } catch (RuntimeException | Error e) {
      McpSdkCalls.endWhenDone(call, null, e);
      throw e;
    }
    return McpSdkCalls.endWhenDone(call, result, null);
  }
}
