package dev.custody.core.mcp;

import static dev.custody.core.CustodyAttributes.MCP_TOOLS_CALL;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One MCP tool call ({@code tools/call}) as one side sees it: a client sending it or a server
 * handling it. What is learned only while the call goes on (the JSON-RPC request id, the outcome)
 * is recorded on it by the library's instrumentation before the call ends.
 */
public final class McpCall {

  private final SpanKind kind;
  private final String toolName;
  private final Map<String, ?> arguments;
  private final Supplier<String> sessionId;
  private final Supplier<String> protocolVersion;

  private volatile Context context;
  private volatile SpanContext transportSpan;
  private volatile String requestId;
  private volatile String result;
  private volatile boolean toolError;
  private volatile Integer errorCode;
  private volatile String errorMessage;

  private McpCall(
      SpanKind kind,
      String toolName,
      Map<String, ?> arguments,
      Supplier<String> sessionId,
      Supplier<String> protocolVersion) {
    this.kind = kind;
    this.toolName = toolName;
    this.arguments = arguments;
    this.sessionId = sessionId;
    this.protocolVersion = protocolVersion;
  }

  /**
   * A {@code tools/call} a client sends. The session id and protocol version are read when the call
   * ends: the first call of a client may be the one that opens the session.
   */
  public static McpCall clientToolCall(
      String toolName,
      Map<String, ?> arguments,
      Supplier<String> sessionId,
      Supplier<String> protocolVersion) {
    return new McpCall(SpanKind.CLIENT, toolName, arguments, sessionId, protocolVersion);
  }

  /**
   * A {@code tools/call} a server handles, in the session with this id (null for a stateless
   * server).
   */
  public static McpCall serverToolCall(
      String toolName, Map<String, ?> arguments, String sessionId) {
    return new McpCall(SpanKind.SERVER, toolName, arguments, () -> sessionId, () -> null);
  }

  /** The JSON-RPC id of the request carrying this call, once the library assigned it. */
  public void recordRequestId(Object id) {
    if (id != null) {
      requestId = String.valueOf(id);
    }
  }

  /** The tool's result text; {@code isError} when the tool reported a failure in its result. */
  public void recordResult(String text, boolean isError) {
    result = text;
    toolError = isError;
  }

  /** The JSON-RPC error the request ended with. */
  public void recordJsonRpcError(int code, String message) {
    errorCode = code;
    errorMessage = message;
  }

  /** The span's context once started; null before, or when tracing was suppressed. */
  public Context context() {
    return context;
  }

  void started(Context context) {
    this.context = context;
  }

  void linkTransport(SpanContext transportSpan) {
    this.transportSpan = transportSpan;
  }

  String spanName() {
    return MCP_TOOLS_CALL + " " + toolName;
  }

  SpanKind kind() {
    return kind;
  }

  String toolName() {
    return toolName;
  }

  Map<String, ?> arguments() {
    return arguments;
  }

  String sessionId() {
    return sessionId.get();
  }

  String protocolVersion() {
    return protocolVersion.get();
  }

  SpanContext transportSpan() {
    return transportSpan;
  }

  String requestId() {
    return requestId;
  }

  String result() {
    return result;
  }

  boolean toolError() {
    return toolError;
  }

  Integer errorCode() {
    return errorCode;
  }

  String errorMessage() {
    return errorMessage;
  }
}
