package dev.custody.core.genai;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.custody.core.CustodyAttributes.GEN_AI_OUTPUT_MESSAGES;
import static dev.custody.core.CustodyAttributes.INPUT_MESSAGES_HASH;
import static dev.custody.core.CustodyAttributes.OUTPUT_MESSAGES_HASH;
import static dev.custody.core.CustodyAttributes.TOOL_CALLS_REQUESTED;

import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import java.util.List;

/**
 * What the semantic conventions' extractor leaves to us: messages per content policy, requested
 * tool calls.
 */
final class ModelCallAttributesExtractor
    implements AttributesExtractor<ModelRequest, ModelResponse> {

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, ModelRequest request) {
    captureMessages(attributes, request.messages(), true);
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      ModelRequest request,
      ModelResponse response,
      Throwable error) {
    if (error != null) {
      attributes.put(ERROR_TYPE, error.getClass().getName());
    }
    if (response == null) {
      return;
    }
    captureMessages(attributes, response.output(), false);
    List<GenAiMessage.Part> calls = response.requestedToolCalls();
    if (!calls.isEmpty()) {
      attributes.put(TOOL_CALLS_REQUESTED, RequestedToolCalls.labels(calls));
    }
  }

  private static void captureMessages(
      AttributesBuilder attributes, List<GenAiMessage> messages, boolean input) {
    if (messages == null || messages.isEmpty()) {
      return;
    }
    ContentPolicy.captureStructured(
            ContentFamily.MESSAGES, eachContent -> GenAiMessagesJson.render(messages, eachContent))
        .putOn(
            attributes,
            input ? GEN_AI_INPUT_MESSAGES : GEN_AI_OUTPUT_MESSAGES,
            input ? INPUT_MESSAGES_HASH : OUTPUT_MESSAGES_HASH);
  }
}
