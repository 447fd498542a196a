package dev.custody.core;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every attribute key Custody writes, mirrored one to one by {@code docs/attributes.md}.
 * OpenTelemetry semantic-convention keys come first and are used wherever they exist; ours live
 * under {@code custody.*}.
 */
public final class CustodyAttributes {

  // --- OpenTelemetry GenAI semantic conventions (gen_ai_latest_experimental) ---
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME =
      stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> GEN_AI_CONVERSATION_ID =
      stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES =
      stringKey("gen_ai.input.messages");
  public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES =
      stringKey("gen_ai.output.messages");
  public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
  public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS =
      stringKey("gen_ai.tool.call.arguments");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT =
      stringKey("gen_ai.tool.call.result");

  // --- OpenTelemetry MCP semantic conventions (with JSON-RPC and RPC keys they use) ---
  public static final AttributeKey<String> MCP_METHOD_NAME = stringKey("mcp.method.name");
  public static final AttributeKey<String> MCP_SESSION_ID = stringKey("mcp.session.id");
  public static final AttributeKey<String> MCP_PROTOCOL_VERSION = stringKey("mcp.protocol.version");
  public static final AttributeKey<String> JSONRPC_REQUEST_ID = stringKey("jsonrpc.request.id");

  /** The JSON-RPC error code of a failed MCP request, as text. */
  public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE =
      stringKey("rpc.response.status_code");

  // --- OpenTelemetry messaging semantic conventions: copied from a message that came from no case
  // onto the case root it started ---
  public static final AttributeKey<String> MESSAGING_SYSTEM = stringKey("messaging.system");
  public static final AttributeKey<String> MESSAGING_DESTINATION_NAME =
      stringKey("messaging.destination.name");
  public static final AttributeKey<String> MESSAGING_MESSAGE_CONVERSATION_ID =
      stringKey("messaging.message.conversation_id");

  // --- Model turns and tool calls: hashes beside captured content, and what the model asked for
  // ---
  public static final AttributeKey<String> INPUT_MESSAGES_HASH =
      stringKey("custody.gen_ai.input.messages.hash");
  public static final AttributeKey<String> OUTPUT_MESSAGES_HASH =
      stringKey("custody.gen_ai.output.messages.hash");

  /** Each tool call a model response asked for, as {@code name:id}. */
  public static final AttributeKey<List<String>> TOOL_CALLS_REQUESTED =
      stringArrayKey("custody.gen_ai.tool_calls.requested");

  public static final AttributeKey<String> TOOL_CALL_ARGUMENTS_HASH =
      stringKey("custody.gen_ai.tool.call.arguments.hash");
  public static final AttributeKey<String> TOOL_CALL_RESULT_HASH =
      stringKey("custody.gen_ai.tool.call.result.hash");

  // --- Google ADK's own content attributes (gcp.vertex.agent.*), held to the content policy: the
  // hash of each beside what its mode keeps of it ---
  public static final AttributeKey<String> ADK_LLM_REQUEST_HASH =
      stringKey("custody.gcp.vertex.agent.llm_request.hash");
  public static final AttributeKey<String> ADK_LLM_RESPONSE_HASH =
      stringKey("custody.gcp.vertex.agent.llm_response.hash");
  public static final AttributeKey<String> ADK_DATA_HASH =
      stringKey("custody.gcp.vertex.agent.data.hash");
  public static final AttributeKey<String> ADK_TOOL_CALL_ARGS_HASH =
      stringKey("custody.gcp.vertex.agent.tool_call_args.hash");
  public static final AttributeKey<String> ADK_TOOL_RESPONSE_HASH =
      stringKey("custody.gcp.vertex.agent.tool_response.hash");

  // --- Koog's own content attributes (its OpenTelemetry feature, verbose), held to the content
  // policy like Google ADK's; its gen_ai.* ones get Custody's gen_ai hashes ---
  public static final AttributeKey<String> KOOG_SYSTEM_INSTRUCTIONS_HASH =
      stringKey("custody.system_instructions.hash");
  public static final AttributeKey<String> KOOG_NODE_INPUT_HASH =
      stringKey("custody.koog.node.input.hash");
  public static final AttributeKey<String> KOOG_NODE_OUTPUT_HASH =
      stringKey("custody.koog.node.output.hash");

  // --- The case ---
  /** Baggage key and span attribute: the immutable id of the agent task a span belongs to. */
  public static final String CASE_ID_KEY = "custody.case.id";

  public static final AttributeKey<String> CASE_ID = stringKey(CASE_ID_KEY);

  /** On a teardown of a credential several cases obtained: each of their ids. */
  public static final AttributeKey<List<String>> CASE_IDS = stringArrayKey(CASE_ID_KEY);

  /** On a case root: the cases whose messages it took in one batch (each producer span linked). */
  public static final AttributeKey<List<String>> UPSTREAM_CASE_IDS =
      stringArrayKey("custody.upstream.case_ids");

  // --- Hand-offs to other agents ---
  /**
   * On the tool call (or agent) span that sent work to another agent, and on the case root that
   * received it: the protocol that carried it ({@code a2a}).
   */
  public static final AttributeKey<String> HANDOFF_PROTOCOL = stringKey("custody.handoff.protocol");

  /** On the sending span: the agent the work went to, as it names itself (A2A: its card's name). */
  public static final AttributeKey<String> HANDOFF_PEER = stringKey("custody.handoff.peer");

  /** The remote task the work became (A2A: the task id), on both sides. */
  public static final AttributeKey<String> HANDOFF_TASK_ID = stringKey("custody.handoff.task_id");

  /** The message that carried the work (A2A: the sent message's id), on both sides. */
  public static final AttributeKey<String> HANDOFF_MESSAGE_ID =
      stringKey("custody.handoff.message_id");

  /** {@code custody.handoff.protocol} of the Agent2Agent protocol. */
  public static final String HANDOFF_A2A = "a2a";

  // --- Intent ---
  public static final AttributeKey<String> INTENT_PROMPT = stringKey("custody.intent.prompt");
  public static final AttributeKey<String> INTENT_PROMPT_HASH =
      stringKey("custody.intent.prompt.hash");
  public static final AttributeKey<String> INTENT_OBJECTIVE = stringKey("custody.intent.objective");
  public static final AttributeKey<String> INTENT_OBJECTIVE_HASH =
      stringKey("custody.intent.objective.hash");

  // --- Workload identity: who the service runs as, on the resource and on every case root ---
  public static final AttributeKey<String> WORKLOAD_ID = stringKey("custody.workload.id");
  public static final AttributeKey<String> WORKLOAD_ID_SOURCE =
      stringKey("custody.workload.id.source");

  /** The value of {@link #WORKLOAD_ID} when nothing identifies the workload. */
  public static final String UNKNOWN_WORKLOAD = "unknown";

  /**
   * The expiry of the credential that proves the workload id (an SVID's notAfter, a token's exp).
   */
  public static final AttributeKey<String> WORKLOAD_CREDENTIAL_EXPIRES_AT =
      stringKey("custody.workload.credential.expires_at");

  /** The jti of a token that proves the workload id: the Kubernetes audit log's credential id. */
  public static final AttributeKey<String> WORKLOAD_CREDENTIAL_JTI =
      stringKey("custody.workload.credential.jti");

  public static final AttributeKey<String> WORKLOAD_CREDENTIAL_ISSUER =
      stringKey("custody.workload.credential.issuer");

  /** The leaf certificate's serial number (hex) of an X.509 SVID that proves the workload id. */
  public static final AttributeKey<String> WORKLOAD_CREDENTIAL_SERIAL =
      stringKey("custody.workload.credential.serial");

  /**
   * The event, on the {@code refresh} span of a rotation, when the credential that proves the
   * workload id was replaced by a new one for the same id: the new credential's {@code
   * custody.workload.credential.*} and the one it replaced as {@code
   * custody.workload.previous_credential.*}.
   */
  public static final String WORKLOAD_ROTATED_EVENT = "custody.workload.rotated";

  public static final AttributeKey<String> WORKLOAD_PREVIOUS_CREDENTIAL_EXPIRES_AT =
      stringKey("custody.workload.previous_credential.expires_at");
  public static final AttributeKey<String> WORKLOAD_PREVIOUS_CREDENTIAL_SERIAL =
      stringKey("custody.workload.previous_credential.serial");
  public static final AttributeKey<String> WORKLOAD_PREVIOUS_CREDENTIAL_JTI =
      stringKey("custody.workload.previous_credential.jti");
  public static final AttributeKey<String> WORKLOAD_KUBERNETES_NAMESPACE =
      stringKey("custody.workload.kubernetes.namespace");
  public static final AttributeKey<String> WORKLOAD_KUBERNETES_SERVICE_ACCOUNT =
      stringKey("custody.workload.kubernetes.service_account");
  public static final AttributeKey<String> WORKLOAD_KUBERNETES_POD_NAME =
      stringKey("custody.workload.kubernetes.pod.name");
  public static final AttributeKey<String> WORKLOAD_KUBERNETES_POD_UID =
      stringKey("custody.workload.kubernetes.pod.uid");

  /**
   * Whom the workload acts as once its credential was exchanged: the assumed-role ARN of the
   * session STS issued for the workload's own role ({@code AssumeRoleWithWebIdentity}, IRSA).
   */
  public static final AttributeKey<String> WORKLOAD_PRINCIPAL =
      stringKey("custody.workload.principal");

  /** Identities the environment names that Custody cannot read without a network call. */
  public static final AttributeKey<List<String>> WORKLOAD_HINTS =
      stringArrayKey("custody.workload.hints");

  // --- End user: the person on whose behalf a request, and the case it starts, runs ---
  /**
   * OpenTelemetry semantic conventions: {@code enduser.id} and its successor {@code user.id}, both
   * written.
   */
  public static final AttributeKey<String> ENDUSER_ID = stringKey("enduser.id");

  public static final AttributeKey<String> USER_ID = stringKey("user.id");
  public static final AttributeKey<String> ENDUSER_ISSUER = stringKey("custody.enduser.issuer");
  public static final AttributeKey<String> ENDUSER_CLIENT_ID =
      stringKey("custody.enduser.client_id");

  /** The delegation chain of a token ({@code act} claims, RFC 8693): the current actor first. */
  public static final AttributeKey<List<String>> ENDUSER_ACTOR =
      stringArrayKey("custody.enduser.actor");

  /**
   * Where the end user was read: {@code jwt_unverified}, {@code header}, or {@code opaque} (no
   * readable token).
   */
  public static final AttributeKey<String> ENDUSER_SOURCE = stringKey("custody.enduser.source");

  // --- Credentials: never a value, only what identifies a credential and bounds its authority ---
  public static final AttributeKey<String> CREDENTIAL_PROVIDER =
      stringKey("custody.credential.provider");
  public static final AttributeKey<String> CREDENTIAL_KIND = stringKey("custody.credential.kind");
  public static final AttributeKey<String> CREDENTIAL_ID = stringKey("custody.credential.id");
  public static final AttributeKey<String> CREDENTIAL_VERSION =
      stringKey("custody.credential.version");
  public static final AttributeKey<String> CREDENTIAL_PRINCIPAL =
      stringKey("custody.credential.principal");
  public static final AttributeKey<String> CREDENTIAL_ISSUED_AT =
      stringKey("custody.credential.issued_at");
  public static final AttributeKey<String> CREDENTIAL_EXPIRES_AT =
      stringKey("custody.credential.expires_at");
  public static final AttributeKey<Long> CREDENTIAL_TTL_S = longKey("custody.credential.ttl_s");
  public static final AttributeKey<Boolean> CREDENTIAL_RENEWABLE =
      booleanKey("custody.credential.renewable");
  public static final AttributeKey<String> CREDENTIAL_LEASE_ID =
      stringKey("custody.credential.lease_id");

  /**
   * The {@code jti} claim of a credential that is a JWT (a Kubernetes service-account token, a
   * JWT-SVID).
   */
  public static final AttributeKey<String> CREDENTIAL_JTI = stringKey("custody.credential.jti");

  /**
   * Whom a token was issued to present itself to (a JWT-SVID's {@code aud}): a token is valid only
   * there.
   */
  public static final AttributeKey<List<String>> CREDENTIAL_AUDIENCE =
      stringArrayKey("custody.credential.audience");

  /**
   * {@code none} for a credential that never expires: a long-lived secret is itself an audit
   * finding.
   */
  public static final AttributeKey<String> CREDENTIAL_EXPIRY =
      stringKey("custody.credential.expiry");

  /**
   * On an outbound call: the {@link #CREDENTIAL_ID} of the credential whose value authorised it.
   */
  public static final AttributeKey<String> CREDENTIAL_USED = stringKey("custody.credential.used");

  /** The event, on the span of a fetch that returned several credentials, for each of them. */
  public static final String CREDENTIAL_OBTAINED_EVENT = "custody.credential.obtained";

  /** The event, on the span of a fetch of several credentials, for each one it could not return. */
  public static final String CREDENTIAL_FAILED_EVENT = "custody.credential.failed";

  // --- Teardown and the end of authority ---
  /**
   * On a fetch span and its case root: the case had sent the fetched value to a model or tool
   * before fetching it.
   */
  public static final AttributeKey<Boolean> SECRET_EXPOSED = booleanKey("custody.secret.exposed");

  /**
   * On such a fetch span: where the value had been sent ({@code prompt}, {@code tool}, {@code
   * messages}).
   */
  public static final AttributeKey<List<String>> SECRET_EXPOSED_IN =
      stringArrayKey("custody.secret.exposed_in");

  public static final AttributeKey<String> TEARDOWN_KIND = stringKey("custody.teardown.kind");

  /**
   * On the case root: the latest expiry among its outstanding credentials that expire, or {@code
   * unknown}.
   */
  public static final AttributeKey<String> AUTHORITY_ENDS_AT =
      stringKey("custody.authority.ends_at");

  /** On the case root: true when an outstanding credential never expires. */
  public static final AttributeKey<Boolean> AUTHORITY_UNBOUNDED =
      booleanKey("custody.authority.unbounded");

  /** On the case root: the ids of the outstanding credentials that never expire. */
  public static final AttributeKey<List<String>> AUTHORITY_UNBOUNDED_BY =
      stringArrayKey("custody.authority.unbounded_by");

  /** On the case root: {@code revoked}, {@code expired} or {@code outstanding}. */
  public static final AttributeKey<String> AUTHORITY_ENDED_BY =
      stringKey("custody.authority.ended_by");

  public static final AttributeKey<Long> CREDENTIALS_OUTSTANDING =
      longKey("custody.credentials.outstanding");

  /** The event on the case root for each credential still valid when the case ended. */
  public static final String CREDENTIAL_OUTSTANDING_EVENT = "custody.credential.outstanding";

  // --- Policy decisions: what a policy engine was asked, what it answered, and which policy
  // decided ---
  /** {@code opa}, {@code cedar} or {@code avp}. */
  public static final AttributeKey<String> POLICY_ENGINE = stringKey("custody.policy.engine");

  /**
   * {@code allow}, {@code deny}, or the kind of a result that is neither ({@code undefined}, {@code
   * object}...).
   */
  public static final AttributeKey<String> POLICY_DECISION = stringKey("custody.policy.decision");

  public static final AttributeKey<String> POLICY_DECISION_ID =
      stringKey("custody.policy.decision_id");

  /**
   * The OPA document path, or the ids of the Cedar or Verified Permissions policies that decided.
   */
  public static final AttributeKey<String> POLICY_ID = stringKey("custody.policy.id");

  public static final AttributeKey<String> POLICY_REASON = stringKey("custody.policy.reason");
  public static final AttributeKey<String> POLICY_INPUT = stringKey("custody.policy.input");
  public static final AttributeKey<String> POLICY_INPUT_HASH =
      stringKey("custody.policy.input.hash");

  /** The revision of the policy that decided: OPA bundle revisions as {@code bundle@revision}. */
  public static final AttributeKey<String> POLICY_REVISION = stringKey("custody.policy.revision");

  /** The Verified Permissions policy store asked. */
  public static final AttributeKey<String> POLICY_STORE = stringKey("custody.policy.store");

  /** On the case root: how many decisions the case asked for. */
  public static final AttributeKey<Long> POLICY_DECISIONS = longKey("custody.policy.decisions");

  /** On the case root, and on a tool call that asked: true when any decision denied. */
  public static final AttributeKey<Boolean> POLICY_DENIED = booleanKey("custody.policy.denied");

  /** On the case root: how many of its decisions allowed. */
  public static final AttributeKey<Long> POLICY_ALLOWED_COUNT =
      longKey("custody.policy.allowed_count");

  /** On the case root: how many of its decisions denied. */
  public static final AttributeKey<Long> POLICY_DENIED_COUNT =
      longKey("custody.policy.denied_count");

  /** On the case root, and on a tool call a deny stopped: the ids of the policies that denied. */
  public static final AttributeKey<List<String>> POLICY_DENIED_BY =
      stringArrayKey("custody.policy.denied_by");

  // --- Escalations: an agent asked a human (docs/escalations.md) ---
  /**
   * What asked the human: {@code interrupt} for a graph that stopped before or after a node, {@code
   * elicitation} for an MCP server that asked its client's user.
   */
  public static final AttributeKey<String> ESCALATION_KIND = stringKey("custody.escalation.kind");

  /** The question put to the human, per the content policy (the prompt family). */
  public static final AttributeKey<String> ESCALATION_REQUEST =
      stringKey("custody.escalation.request");

  public static final AttributeKey<String> ESCALATION_REQUEST_HASH =
      stringKey("custody.escalation.request.hash");

  /** Who was asked, when known: for an MCP elicitation, the client's name and version. */
  public static final AttributeKey<String> ESCALATION_ASKED = stringKey("custody.escalation.asked");

  /** approved, denied, changed, timed_out or cancelled. */
  public static final AttributeKey<String> ESCALATION_OUTCOME =
      stringKey("custody.escalation.outcome");

  /** How long the question waited for its answer, in milliseconds. */
  public static final AttributeKey<Long> ESCALATION_WAIT_MS = longKey("custody.escalation.wait_ms");

  /** On the case root: how many escalations the case asked while the root ran. */
  public static final AttributeKey<Long> ESCALATION_COUNT = longKey("custody.escalation.count");

  /** On the case root: the outcome of each escalation answered while it ran, in order. */
  public static final AttributeKey<List<String>> ESCALATION_OUTCOMES =
      stringArrayKey("custody.escalation.outcomes");

  /** On the case root: how many of the escalations it asked were unanswered when it ended. */
  public static final AttributeKey<Long> ESCALATION_PENDING = longKey("custody.escalation.pending");

  // --- Agent graphs (LangGraph4j) ---
  /** On a node's span: the node's id in its graph. */
  public static final AttributeKey<String> GRAPH_NODE = stringKey("custody.graph.node");

  // --- Agent actions (Embabel) ---
  /** On an action's span: the action's name in its agent. */
  public static final AttributeKey<String> AGENT_ACTION = stringKey("custody.agent.action");

  // --- Completeness ---
  public static final AttributeKey<Boolean> RECORD_COMPLETE = booleanKey("custody.record.complete");
  public static final AttributeKey<List<String>> RECORD_MISSING =
      stringArrayKey("custody.record.missing");

  // --- Findings, on the case root as it ends (docs/findings.md) ---
  /** The rule ids of the findings the process saw in the case, most severe first, each once. */
  public static final AttributeKey<List<String>> FINDINGS = stringArrayKey("custody.findings");

  /** How many findings the process saw in the case; 0 when none. */
  public static final AttributeKey<Long> FINDINGS_COUNT = longKey("custody.findings.count");

  /** The event on the case root for each finding, with the four attributes below. */
  public static final String FINDING_EVENT = "custody.finding";

  public static final AttributeKey<String> FINDING_RULE = stringKey("custody.finding.rule");
  public static final AttributeKey<String> FINDING_SEVERITY = stringKey("custody.finding.severity");
  public static final AttributeKey<String> FINDING_SPAN_ID = stringKey("custody.finding.span_id");
  public static final AttributeKey<String> FINDING_SUMMARY = stringKey("custody.finding.summary");

  // --- Integrity: the evidence chain (docs/integrity.md) ---
  /** On every exported span: the exporting process's evidence stream. */
  public static final AttributeKey<String> INTEGRITY_STREAM = stringKey("custody.integrity.stream");

  /** On every exported span: its number in the stream, from 1, with no gaps. */
  public static final AttributeKey<Long> INTEGRITY_SEQ = longKey("custody.integrity.seq");

  /** The name of a checkpoint span, which carries the {@code custody.checkpoint.*} attributes. */
  public static final String CHECKPOINT_SPAN_NAME = "custody.checkpoint";

  public static final AttributeKey<String> CHECKPOINT_FORMAT =
      stringKey("custody.checkpoint.format");
  public static final AttributeKey<Long> CHECKPOINT_INDEX = longKey("custody.checkpoint.index");
  public static final AttributeKey<Long> CHECKPOINT_FIRST_SEQ =
      longKey("custody.checkpoint.first_seq");
  public static final AttributeKey<Long> CHECKPOINT_LAST_SEQ =
      longKey("custody.checkpoint.last_seq");
  public static final AttributeKey<Long> CHECKPOINT_COUNT = longKey("custody.checkpoint.count");
  public static final AttributeKey<String> CHECKPOINT_CORE = stringKey("custody.checkpoint.core");
  public static final AttributeKey<String> CHECKPOINT_FULL = stringKey("custody.checkpoint.full");
  public static final AttributeKey<String> CHECKPOINT_CASES = stringKey("custody.checkpoint.cases");
  public static final AttributeKey<String> CHECKPOINT_DROPPED =
      stringKey("custody.checkpoint.dropped");
  public static final AttributeKey<String> CHECKPOINT_PREVIOUS =
      stringKey("custody.checkpoint.previous");
  public static final AttributeKey<Long> CHECKPOINT_TIME = longKey("custody.checkpoint.time");
  public static final AttributeKey<String> CHECKPOINT_REASON =
      stringKey("custody.checkpoint.reason");
  public static final AttributeKey<String> CHECKPOINT_KEY_ID =
      stringKey("custody.checkpoint.key_id");
  public static final AttributeKey<String> CHECKPOINT_PUBLIC_KEY =
      stringKey("custody.checkpoint.public_key");
  public static final AttributeKey<String> CHECKPOINT_KEY_SOURCE =
      stringKey("custody.checkpoint.key_source");
  public static final AttributeKey<String> CHECKPOINT_SIGNATURE =
      stringKey("custody.checkpoint.signature");

  /** The operation name of a case root span. */
  public static final String OPERATION_INVOKE_AGENT = "invoke_agent";

  public static final String OPERATION_EXECUTE_TOOL = "execute_tool";

  /** The operation in the name of an escalation span, {@code escalation {kind}}. */
  public static final String OPERATION_ESCALATION = "escalation";

  /** The operation name of a policy engine's decision. */
  public static final String OPERATION_POLICY_DECISION = "policy_decision";

  /** The {@code mcp.method.name} of a tool call. */
  public static final String MCP_TOOLS_CALL = "tools/call";

  /**
   * The {@code error.type} of a tool call whose result is an error: an MCP result with {@code
   * isError: true}, a LangChain4j tool result LangGraph4j's tool service hands the model as one.
   */
  public static final String TOOL_ERROR = "tool_error";

  /** The {@code error.type} of a tool call in which a policy decision denied. */
  public static final String POLICY_DENIED_ERROR = "policy_denied";

  private CustodyAttributes() {}
}
