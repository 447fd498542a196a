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
 * and results in full as {@code gcp.vertex.agent.*} attributes. Each is replaced by what its mode
 * allows (nothing, its hash, or the scrubbed text cut to the kept length) with its hash beside it
 * under {@code custody.<key>.hash}. Done here, on the way out, since the library sets them through
 * the OpenTelemetry API where Custody does not see them; ADK's placeholders ({@code {}}, {@code
 * N/A}) hold no content and stay.
 */
final class ForeignContent {

  /** The instrumentation scope of Google ADK's spans. */
  static final String GOOGLE_ADK_SCOPE = "gcp.vertex.agent";

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

  private ForeignContent() {}

  /** The span's attributes with its library's content as the policy allows; the same if none. */
  static Attributes governed(SpanData span) {
    Attributes attributes = span.getAttributes();
    if (!GOOGLE_ADK_SCOPE.equals(span.getInstrumentationScopeInfo().getName())) {
      return attributes;
    }
    AttributesBuilder builder = null;
    for (Map.Entry<AttributeKey<String>, Governed> content : GOOGLE_ADK.entrySet()) {
      String raw = attributes.get(content.getKey());
      if (raw == null || raw.equals("{}") || raw.equals("N/A")) {
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
}
