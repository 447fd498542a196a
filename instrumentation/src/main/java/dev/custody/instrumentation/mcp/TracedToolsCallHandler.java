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

  /**
   * Called by the server for each call, outside any advice: what fails in our recording is dropped
   * here, and the server gets its handler's result or exception as they are.
   */
  @Override
  public Mono<CallToolResult> handle(McpAsyncServerExchange exchange, Object params) {
    McpCall call = start(exchange, params);
    if (call == null) {
      return delegate.handle(exchange, params);
    }
    Mono<CallToolResult> result;
    try (Scope ignored = makeCurrent(call)) {
      result = delegate.handle(exchange, params);
    } catch (RuntimeException | Error e) {
      endWhenDone(call, null, e);
      throw e;
    }
    return endWhenDone(call, result, null);
  }

  private static McpCall start(McpAsyncServerExchange exchange, Object params) {
    try {
      return McpSdkCalls.startServer(exchange, params);
    } catch (Throwable ours) {
      return null;
    }
  }

  private static Scope makeCurrent(McpCall call) {
    try {
      return call.context().makeCurrent();
    } catch (Throwable ours) {
      return Scope.noop();
    }
  }

  private static Mono<CallToolResult> endWhenDone(
      McpCall call, Mono<CallToolResult> result, Throwable error) {
    try {
      return McpSdkCalls.endWhenDone(call, result, error);
    } catch (Throwable ours) {
      return result;
    }
  }
}
