package dev.custody.core;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every attribute key Custody writes, mirrored one to one by {@code docs/attributes.md}. OpenTelemetry
 * semantic-convention keys come first and are used wherever they exist; ours live under {@code custody.*}.
 */
public final class CustodyAttributes {

  // --- OpenTelemetry GenAI semantic conventions (gen_ai_latest_experimental) ---
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
  public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");

  // --- OpenTelemetry MCP semantic conventions (with JSON-RPC and RPC keys they use) ---
  public static final AttributeKey<String> MCP_METHOD_NAME = stringKey("mcp.method.name");
  public static final AttributeKey<String> MCP_SESSION_ID = stringKey("mcp.session.id");
  public static final AttributeKey<String> MCP_PROTOCOL_VERSION = stringKey("mcp.protocol.version");
  public static final AttributeKey<String> JSONRPC_REQUEST_ID = stringKey("jsonrpc.request.id");
  /** The JSON-RPC error code of a failed MCP request, as text. */
  public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE = stringKey("rpc.response.status_code");

  // --- Model turns and tool calls: hashes beside captured content, and what the model asked for ---
  public static final AttributeKey<String> INPUT_MESSAGES_HASH = stringKey("custody.gen_ai.input.messages.hash");
  public static final AttributeKey<String> OUTPUT_MESSAGES_HASH =
      stringKey("custody.gen_ai.output.messages.hash");
  /** Each tool call a model response asked for, as {@code name:id}. */
  public static final AttributeKey<List<String>> TOOL_CALLS_REQUESTED =
      stringArrayKey("custody.gen_ai.tool_calls.requested");
  public static final AttributeKey<String> TOOL_CALL_ARGUMENTS_HASH =
      stringKey("custody.gen_ai.tool.call.arguments.hash");
  public static final AttributeKey<String> TOOL_CALL_RESULT_HASH = stringKey("custody.gen_ai.tool.call.result.hash");

  // --- The case ---
  /** Baggage key and span attribute: the immutable id of the agent task a span belongs to. */
  public static final String CASE_ID_KEY = "custody.case.id";

  public static final AttributeKey<String> CASE_ID = stringKey(CASE_ID_KEY);

  // --- Intent ---
  public static final AttributeKey<String> INTENT_PROMPT = stringKey("custody.intent.prompt");
  public static final AttributeKey<String> INTENT_PROMPT_HASH = stringKey("custody.intent.prompt.hash");
  public static final AttributeKey<String> INTENT_OBJECTIVE = stringKey("custody.intent.objective");
  public static final AttributeKey<String> INTENT_OBJECTIVE_HASH =
      stringKey("custody.intent.objective.hash");

  // --- Identity ---
  public static final AttributeKey<String> WORKLOAD_ID = stringKey("custody.workload.id");
  public static final AttributeKey<String> WORKLOAD_ID_SOURCE = stringKey("custody.workload.id.source");

  // --- Completeness ---
  public static final AttributeKey<Boolean> RECORD_COMPLETE = booleanKey("custody.record.complete");
  public static final AttributeKey<List<String>> RECORD_MISSING = stringArrayKey("custody.record.missing");

  /** The operation name of a case root span. */
  public static final String OPERATION_INVOKE_AGENT = "invoke_agent";

  public static final String OPERATION_EXECUTE_TOOL = "execute_tool";

  /** The {@code mcp.method.name} of a tool call. */
  public static final String MCP_TOOLS_CALL = "tools/call";

  /** The {@code error.type} of an MCP tool call whose result says {@code isError: true}. */
  public static final String MCP_TOOL_ERROR = "tool_error";

  private CustodyAttributes() {}
}
