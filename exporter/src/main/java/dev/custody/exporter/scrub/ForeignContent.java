package dev.custody.exporter.scrub;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;

/**
 * Content that a library's own spans carry, held to Custody's content policy like Custody's own
 * ({@code custody.capture.*}): Google ADK writes each model request and response, tool arguments
 * and results in full as {@code gcp.vertex.agent.*} attributes; Koog's OpenTelemetry feature, when
 * verbose, writes them as {@code gen_ai.*} attributes, its system prompt and each node's input and
 * output. Each is replaced by what its mode allows (nothing, its hash, or the scrubbed text cut to
 * the kept length) with its hash beside it under {@code custody.<key>.hash}. Done here, on the way
 * out, since the library sets them through the OpenTelemetry API where Custody does not see them;
 * the libraries' placeholders (ADK's {@code {}} and {@code N/A}, Koog's {@code HIDDEN:...}) hold no
 * content and stay.
 */
final class ForeignContent {

  /** The instrumentation scope of Google ADK's spans. */
  static final String GOOGLE_ADK_SCOPE = "gcp.vertex.agent";

  /** The instrumentation scope of the spans of Koog's OpenTelemetry feature. */
  static final String KOOG_SCOPE = "ai.koog";

  private record Governed(ContentFamily family, AttributeKey<String> hash) {}

  private static final Map<AttributeKey<String>, Governed> GOOGLE_ADK =
      Map.of(
          AttributeKey.stringKey("gcp.vertex.agent.llm_request"),
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.ADK_LLM_REQUEST_HASH),
          AttributeKey.stringKey("gcp.vertex.agent.llm_response"),
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.ADK_LLM_RESPONSE_HASH),
          AttributeKey.stringKey("gcp.vertex.agent.data"),
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.ADK_DATA_HASH),
          AttributeKey.stringKey("gcp.vertex.agent.tool_call_args"),
          new Governed(ContentFamily.TOOL, CustodyAttributes.ADK_TOOL_CALL_ARGS_HASH),
          AttributeKey.stringKey("gcp.vertex.agent.tool_response"),
          new Governed(ContentFamily.TOOL, CustodyAttributes.ADK_TOOL_RESPONSE_HASH));

  private static final Map<AttributeKey<String>, Governed> KOOG =
      Map.of(
          CustodyAttributes.GEN_AI_INPUT_MESSAGES,
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.INPUT_MESSAGES_HASH),
          CustodyAttributes.GEN_AI_OUTPUT_MESSAGES,
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.OUTPUT_MESSAGES_HASH),
          AttributeKey.stringKey("system_instructions"),
          new Governed(ContentFamily.PROMPT, CustodyAttributes.KOOG_SYSTEM_INSTRUCTIONS_HASH),
          AttributeKey.stringKey("koog.node.input"),
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.KOOG_NODE_INPUT_HASH),
          AttributeKey.stringKey("koog.node.output"),
          new Governed(ContentFamily.MESSAGES, CustodyAttributes.KOOG_NODE_OUTPUT_HASH),
          CustodyAttributes.GEN_AI_TOOL_CALL_ARGUMENTS,
          new Governed(ContentFamily.TOOL, CustodyAttributes.TOOL_CALL_ARGUMENTS_HASH),
          CustodyAttributes.GEN_AI_TOOL_CALL_RESULT,
          new Governed(ContentFamily.TOOL, CustodyAttributes.TOOL_CALL_RESULT_HASH));

  private ForeignContent() {}

  /** The span's attributes with its library's content as the policy allows; the same if none. */
  static Attributes governed(SpanData span) {
    Attributes attributes = span.getAttributes();
    String scope = span.getInstrumentationScopeInfo().getName();
    Map<AttributeKey<String>, Governed> governed =
        GOOGLE_ADK_SCOPE.equals(scope) ? GOOGLE_ADK : KOOG_SCOPE.equals(scope) ? KOOG : null;
    if (governed == null) {
      return attributes;
    }
    AttributesBuilder builder = null;
    for (Map.Entry<AttributeKey<String>, Governed> content : governed.entrySet()) {
      String raw = attributes.get(content.getKey());
      if (raw == null || isPlaceholder(raw)) {
        continue;
      }
      if (builder == null) {
        builder = attributes.toBuilder();
      }
      ContentPolicy.Captured captured = ContentPolicy.capture(content.getValue().family(), raw);
      builder.remove(content.getKey());
      captured.putOn(builder, content.getKey(), content.getValue().hash());
    }
    return builder == null ? attributes : builder.build();
  }

  /** ADK's and Koog's stand-ins for content they did not write. */
  private static boolean isPlaceholder(String value) {
    return value.equals("{}") || value.equals("N/A") || value.startsWith("HIDDEN:");
  }
}
