package dev.custody.instrumentation.mcp;

import dev.custody.core.AgentInternals;
import dev.custody.core.mcp.McpCall;
import dev.custody.core.mcp.McpCalls;
import dev.custody.core.mcp.McpMeta;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpTransportSession;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * What the MCP Java SDK advice records: the logic lives here, the advice only forwards its
 * arguments.
 */
public final class McpSdkCalls {

  private static final McpCalls CALLS = new McpCalls("dev.custody.mcp-java-sdk-1.0", Mono.class);

  /**
   * The requests this client is sending, by identity, until the SDK wraps them in a JSON-RPC
   * request.
   */
  private static final AgentInternals.Cache<Object, McpCall> SENDING = AgentInternals.weakCache();

  /**
   * The Streamable HTTP client's session, which holds the id the server gave in the initialize
   * response.
   */
  private static final Field ACTIVE_SESSION =
      field(HttpClientStreamableHttpTransport.class, "activeSession");

  private McpSdkCalls() {}

  /** Starts the client span of a tool call; null when tracing is suppressed here. */
  public static McpCall startClient(
      McpAsyncClient client, Object transport, CallToolRequest request) {
    McpCall call =
        McpCall.clientToolCall(
            request.name(),
            request.arguments(),
            () -> sessionId(transport),
            () -> protocolVersion(client));
    return CALLS.startClient(call) ? call : null;
  }

  /**
   * The request to send instead: the same call with the span's trace context and baggage in its
   * {@code _meta}.
   */
  public static CallToolRequest withTraceContext(McpCall call, CallToolRequest request) {
    CallToolRequest traced =
        new CallToolRequest(
            request.name(),
            request.arguments(),
            McpMeta.withContext(call.context(), request.meta()));
    SENDING.put(traced, call);
    return traced;
  }

  /**
   * A JSON-RPC request was built; when it carries a tool call this client is sending, its id is the
   * call's.
   */
  public static void onJsonRpcRequest(Object id, Object params) {
    McpCall call = SENDING.get(params);
    if (call != null) {
      call.recordRequestId(id);
    }
  }

  /**
   * Starts the server span of a tool call, a child of the caller's span in {@code _meta}; null when
   * suppressed or when the params are not the decoded JSON object the SDK's mappers give.
   */
  static McpCall startServer(McpAsyncServerExchange exchange, Object params) {
    if (!(params instanceof Map<?, ?> request) || !(request.get("name") instanceof String name)) {
      return null;
    }
    McpCall call =
        McpCall.serverToolCall(name, mapOrNull(request.get("arguments")), exchange.sessionId());
    return CALLS.startServer(call, mapOrNull(request.get("_meta"))) ? call : null;
  }

  /**
   * The result to return instead: it records the outcome on the call and ends its span when it
   * completes.
   */
  public static Mono<CallToolResult> endWhenDone(
      McpCall call, Mono<CallToolResult> result, Throwable error) {
    Mono<CallToolResult> recorded =
        result == null
            ? null
            : result
                .doOnSuccess(outcome -> recordResult(call, outcome))
                .doOnError(failure -> recordError(call, failure));
    return CALLS.endWhenDone(call, recorded, error);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> mapOrNull(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, ?>) map : null;
  }

  /** Runs inside the server's reactive chain, where nothing suppresses what it throws. */
  private static void recordResult(McpCall call, CallToolResult result) {
    try {
      recordText(call, result);
    } catch (Throwable ours) {
      // The tool's result reaches the client as it is, recorded or not.
    }
  }

  private static void recordText(McpCall call, CallToolResult result) {
    if (result != null) {
      String text =
          result.content() == null
              ? null
              : result.content().stream()
                  .filter(TextContent.class::isInstance)
                  .map(content -> ((TextContent) content).text())
                  .collect(Collectors.joining("\n"));
      call.recordResult(text, Boolean.TRUE.equals(result.isError()));
    }
  }

  /** Runs inside the server's reactive chain, where nothing suppresses what it throws. */
  private static void recordError(McpCall call, Throwable error) {
    try {
      if (error instanceof McpError mcpError && mcpError.getJsonRpcError() != null) {
        call.recordJsonRpcError(
            mcpError.getJsonRpcError().code(), mcpError.getJsonRpcError().message());
      }
    } catch (Throwable ours) {
      // The tool's error reaches the client as it is, recorded or not.
    }
  }

  private static String protocolVersion(McpAsyncClient client) {
    InitializeResult initialized = client.getCurrentInitializationResult();
    return initialized == null ? null : initialized.protocolVersion();
  }

  /**
   * The session id of a Streamable HTTP client; null for other transports or before the session
   * opened.
   */
  private static String sessionId(Object transport) {
    if (!(transport instanceof HttpClientStreamableHttpTransport) || ACTIVE_SESSION == null) {
      return null;
    }
    try {
      Object session = ((AtomicReference<?>) ACTIVE_SESSION.get(transport)).get();
      return session instanceof McpTransportSession<?> open ? open.sessionId().orElse(null) : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
