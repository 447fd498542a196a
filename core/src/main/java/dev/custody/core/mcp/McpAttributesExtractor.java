package dev.custody.core.mcp;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_RESULT;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_NAME;
import static dev.custody.core.CustodyAttributes.JSONRPC_REQUEST_ID;
import static dev.custody.core.CustodyAttributes.MCP_METHOD_NAME;
import static dev.custody.core.CustodyAttributes.MCP_PROTOCOL_VERSION;
import static dev.custody.core.CustodyAttributes.MCP_SESSION_ID;
import static dev.custody.core.CustodyAttributes.MCP_TOOLS_CALL;
import static dev.custody.core.CustodyAttributes.OPERATION_EXECUTE_TOOL;
import static dev.custody.core.CustodyAttributes.RPC_RESPONSE_STATUS_CODE;
import static dev.custody.core.CustodyAttributes.TOOL_CALL_ARGUMENTS_HASH;
import static dev.custody.core.CustodyAttributes.TOOL_CALL_RESULT_HASH;
import static dev.custody.core.CustodyAttributes.TOOL_ERROR;

import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import dev.custody.core.json.JsonWriter;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import java.util.Map;

/**
 * The attributes of an MCP {@code tools/call} span, client or server, per the MCP semantic
 * conventions; arguments and result per the {@code tool} content policy.
 */
final class McpAttributesExtractor implements AttributesExtractor<McpCall, Void> {

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, McpCall call) {
    attributes.put(MCP_METHOD_NAME, MCP_TOOLS_CALL);
    attributes.put(GEN_AI_OPERATION_NAME, OPERATION_EXECUTE_TOOL);
    attributes.put(GEN_AI_TOOL_NAME, call.toolName());
    Map<String, ?> arguments = call.arguments();
    if (arguments != null) {
      ContentPolicy.captureStructured(
              ContentFamily.TOOL, each -> new JsonWriter().decoded(arguments, each).toString())
          .putOn(attributes, GEN_AI_TOOL_CALL_ARGUMENTS, TOOL_CALL_ARGUMENTS_HASH);
    }
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes, Context context, McpCall call, Void response, Throwable error) {
    attributes.put(MCP_SESSION_ID, call.sessionId());
    attributes.put(MCP_PROTOCOL_VERSION, call.protocolVersion());
    attributes.put(JSONRPC_REQUEST_ID, call.requestId());
    ContentPolicy.capture(ContentFamily.TOOL, call.result())
        .putOn(attributes, GEN_AI_TOOL_CALL_RESULT, TOOL_CALL_RESULT_HASH);
    if (call.errorCode() != null) {
      attributes.put(ERROR_TYPE, call.errorCode().toString());
      attributes.put(RPC_RESPONSE_STATUS_CODE, call.errorCode().toString());
    } else if (error != null) {
      attributes.put(ERROR_TYPE, error.getClass().getName());
    } else if (call.toolError()) {
      attributes.put(ERROR_TYPE, TOOL_ERROR);
    }
  }
}
