package dev.custody.core.genai;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_ID;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_RESULT;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_NAME;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_TYPE;
import static dev.custody.core.CustodyAttributes.OPERATION_EXECUTE_TOOL;
import static dev.custody.core.CustodyAttributes.POLICY_DECISION;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_BY;
import static dev.custody.core.CustodyAttributes.POLICY_DENIED_ERROR;
import static dev.custody.core.CustodyAttributes.TOOL_CALL_ARGUMENTS_HASH;
import static dev.custody.core.CustodyAttributes.TOOL_CALL_RESULT_HASH;
import static dev.custody.core.CustodyAttributes.TOOL_ERROR;

import dev.custody.bootstrap.PolicyTally;
import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/**
 * The attributes of an {@code execute_tool} span; arguments and result per the {@code tool} content
 * policy; what the policy decisions asked inside it came to, written once when it ends.
 */
final class ToolCallAttributesExtractor
    implements AttributesExtractor<ToolCallRequest, ToolCallOutcome> {

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, ToolCallRequest call) {
    attributes.put(GEN_AI_OPERATION_NAME, OPERATION_EXECUTE_TOOL);
    attributes.put(GEN_AI_TOOL_NAME, call.name());
    if (call.id() != null) {
      attributes.put(GEN_AI_TOOL_CALL_ID, call.id());
    }
    attributes.put(GEN_AI_TOOL_TYPE, call.type());
    ContentPolicy.capture(ContentFamily.TOOL, call.arguments())
        .putOn(attributes, GEN_AI_TOOL_CALL_ARGUMENTS, TOOL_CALL_ARGUMENTS_HASH);
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      ToolCallRequest call,
      ToolCallOutcome outcome,
      Throwable error) {
    PolicyTally decisions = ToolCallContexts.decisionsOf(context);
    PolicyTally.Summary decided = decisions == null ? null : decisions.summary();
    boolean denied = decided != null && decided.denied() > 0;
    Throwable failure = error != null ? error : outcome == null ? null : outcome.failure();
    if (failure != null) {
      attributes.put(ERROR_TYPE, failure.getClass().getName());
    } else if (outcome != null && outcome.errorResult()) {
      attributes.put(ERROR_TYPE, TOOL_ERROR);
    } else if (denied) {
      attributes.put(ERROR_TYPE, POLICY_DENIED_ERROR);
    }
    if (decided != null && decided.decisions() > 0) {
      attributes.put(POLICY_DECISION, decided.last());
    }
    if (denied) {
      attributes.put(POLICY_DENIED, true);
      if (!decided.deniedBy().isEmpty()) {
        attributes.put(POLICY_DENIED_BY, decided.deniedBy());
      }
    }
    if (outcome != null) {
      ContentPolicy.capture(ContentFamily.TOOL, outcome.result())
          .putOn(attributes, GEN_AI_TOOL_CALL_RESULT, TOOL_CALL_RESULT_HASH);
    }
  }
}
