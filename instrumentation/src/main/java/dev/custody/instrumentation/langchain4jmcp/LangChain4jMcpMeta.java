package dev.custody.instrumentation.langchain4jmcp;

import dev.custody.core.mcp.McpMeta;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.protocol.McpCallToolRequest;
import dev.langchain4j.mcp.protocol.McpClientParams;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * Puts the current trace context and baggage in the {@code _meta} of each tool call langchain4j-mcp
 * sends; a call made outside any trace and case is sent as it was.
 */
public final class LangChain4jMcpMeta {

  private LangChain4jMcpMeta() {}

  @SuppressWarnings("unchecked")
  public static void addTraceContext(McpCallContext context) throws ReflectiveOperationException {
    if (!(context.message() instanceof McpCallToolRequest request)) {
      return;
    }
    // Up to 1.12 the params are a mutable map; from 1.13 an McpClientParams, whose meta may be
    // immutable.
    Object params = request.getClass().getMethod("getParams").invoke(request);
    if (params instanceof Map<?, ?> map) {
      Map<String, Object> legacy = (Map<String, Object>) map;
      Map<String, Object> meta =
          McpMeta.withContext(Context.current(), (Map<String, ?>) legacy.get("_meta"));
      if (!meta.isEmpty()) {
        legacy.put("_meta", meta);
      }
    } else if (params instanceof McpClientParams typed) {
      Map<String, Object> meta = McpMeta.withContext(Context.current(), typed.getMeta());
      if (!meta.isEmpty()) {
        typed.setMeta(meta);
      }
    }
  }
}
