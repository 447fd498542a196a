package dev.custody.instrumentation;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit-core classes an instrumentation's helpers call, which the agent injects beside them
 * into the application's class loader. Without muzzle code generation the lists are kept by hand;
 * {@code HelperClassListTest} fails when one misses a class that advice reaches.
 */
public final class CoreHelpers {

  private static final List<String> CASE_API =
      List.of(
          "dev.custody.core.AgentInternals",
          "dev.custody.core.AgentInternals$Cache",
          "dev.custody.core.CustodyAttributes",
          "dev.custody.core.CustodyInstrumenters",
          "dev.custody.core.OperationSpans",
          "dev.custody.core.RunningOperation",
          "dev.custody.core.SpanNames",
          "dev.custody.core.config.CustodyConfig",
          "dev.custody.core.content.CaptureMode",
          "dev.custody.core.content.ContentFamily",
          "dev.custody.core.content.ContentHasher",
          "dev.custody.core.content.ContentHasher$KeyedMac",
          "dev.custody.core.content.ContentPolicy",
          "dev.custody.core.content.ContentPolicy$1",
          "dev.custody.core.content.ContentPolicy$Captured",
          "dev.custody.core.content.ContentPolicy$Structured",
          "dev.custody.core.scrub.AwsSecretKeys",
          "dev.custody.core.scrub.Chars",
          "dev.custody.core.scrub.Chars$Runs",
          "dev.custody.core.scrub.PrivateKeys",
          "dev.custody.core.scrub.Randomness",
          "dev.custody.core.scrub.Redactions",
          "dev.custody.core.scrub.ScanBudget",
          "dev.custody.core.scrub.ScanBudget$Exceeded",
          "dev.custody.core.scrub.ScrubFailures",
          "dev.custody.core.scrub.SecretAssignments",
          "dev.custody.core.scrub.SecretAssignments$Reading",
          "dev.custody.core.scrub.SecretAssignments$SecretName",
          "dev.custody.core.scrub.SecretScrubber",
          "dev.custody.core.scrub.SecretsInProse",
          "dev.custody.core.scrub.ShapedSecrets",
          "dev.custody.core.scrub.ShapedSecrets$KeyShape",
          "dev.custody.core.scrub.UrlCredentials",
          "dev.custody.core.cases.AdoptedCases",
          "dev.custody.core.cases.AgentCases",
          "dev.custody.core.cases.AgentInvocation",
          "dev.custody.core.cases.CaseExposures",
          "dev.custody.core.cases.CaseRecords",
          "dev.custody.core.cases.CaseAttributesExtractor",
          "dev.custody.core.cases.CaseIds",
          "dev.custody.core.cases.Handoffs",
          "dev.custody.core.cases.Handoffs$Hop",
          "dev.custody.core.cases.ToolLoop",
          "dev.custody.core.cases.ToolLoopCases",
          "dev.custody.core.cases.ToolLoopRequest",
          "dev.custody.core.cases.UnansweredToolCalls",
          "dev.custody.core.cases.UpstreamCases",
          "dev.custody.core.escalations.CaseEscalations",
          "dev.custody.core.escalations.CaseEscalations$Tally",
          "dev.custody.core.escalations.Escalation",
          "dev.custody.core.escalations.EscalationAttributesExtractor",
          "dev.custody.core.escalations.EscalationRequest",
          "dev.custody.core.escalations.Escalations",
          "dev.custody.core.escalations.PendingEscalations",
          "dev.custody.core.credentials.CaseAuthority",
          "dev.custody.core.credentials.CredentialAttributes",
          "dev.custody.core.credentials.CredentialFacts",
          "dev.custody.core.credentials.CredentialFacts$Builder",
          "dev.custody.core.credentials.CredentialOperation",
          "dev.custody.core.credentials.CredentialSpans",
          "dev.custody.core.credentials.CredentialSpans$Obtained",
          "dev.custody.core.credentials.CredentialSpans$OperationAttributes",
          "dev.custody.core.credentials.Credentials",
          "dev.custody.core.credentials.JwtClaims",
          "dev.custody.core.credentials.TeardownCases",
          "dev.custody.core.credentials.WorkloadIdentities",
          "dev.custody.core.credentials.WorkloadRotations",
          "dev.custody.core.json.JsonObject",
          "dev.custody.core.json.JsonParseException",
          "dev.custody.core.json.JsonReader",
          "dev.custody.core.json.JsonReader$Open",
          "dev.custody.core.json.JsonWriter",
          "dev.custody.core.genai.GenAiMessage",
          "dev.custody.core.genai.GenAiMessage$Part",
          "dev.custody.core.genai.GenAiMessagesJson",
          "dev.custody.core.genai.ModelCallAttributesExtractor",
          "dev.custody.core.genai.ModelCallAttributesGetter",
          "dev.custody.core.genai.ModelCalls",
          "dev.custody.core.genai.ModelRequest",
          "dev.custody.core.genai.ModelResponse",
          "dev.custody.core.genai.RequestedToolCalls",
          "dev.custody.core.genai.ToolCallAttributesExtractor",
          "dev.custody.core.genai.ToolCallContexts",
          "dev.custody.core.genai.ToolCallLinks",
          "dev.custody.core.genai.ToolCallLinks$1",
          "dev.custody.core.genai.ToolCallOutcome",
          "dev.custody.core.genai.ToolCallRequest",
          "dev.custody.core.genai.ToolCalls",
          "dev.custody.core.policy.CasePolicy",
          "dev.custody.core.policy.PolicyAttributesExtractor",
          "dev.custody.core.policy.PolicyDecisions",
          "dev.custody.core.policy.PolicyQuery",
          "dev.custody.core.policy.PolicyVerdict");

  private static final List<String> MCP_API =
      List.of(
          "dev.custody.core.mcp.McpAttributesExtractor",
          "dev.custody.core.mcp.McpCall",
          "dev.custody.core.mcp.McpCalls",
          "dev.custody.core.mcp.McpMeta",
          "dev.custody.core.mcp.McpMeta$MetaGetter",
          "dev.custody.core.mcp.McpMeta$MetaSetter");

  private static final List<String> VAULT_API =
      List.of(
          "dev.custody.instrumentation.vaultshared.VaultCall",
          "dev.custody.instrumentation.vaultshared.VaultCredentials",
          "dev.custody.instrumentation.vaultshared.VaultCredentials$1");

  private CoreHelpers() {}

  /**
   * The case, model-turn, tool-call, credential and policy-decision APIs and everything they use,
   * then the library's own helpers.
   */
  public static List<String> withCaseApi(String... libraryHelpers) {
    List<String> all = new ArrayList<>(CASE_API);
    all.addAll(List.of(libraryHelpers));
    return all;
  }

  /** The case API, the MCP calls and {@code _meta} propagation, then the library's own helpers. */
  public static List<String> withMcpApi(String... libraryHelpers) {
    List<String> all = withCaseApi(libraryHelpers);
    all.addAll(MCP_API);
    return all;
  }

  /**
   * The case API, what every Vault client's credentials are and their running calls, then the
   * client's helpers.
   */
  public static List<String> withVaultApi(String... libraryHelpers) {
    List<String> all = withCaseApi(libraryHelpers);
    all.addAll(VAULT_API);
    return all;
  }
}
