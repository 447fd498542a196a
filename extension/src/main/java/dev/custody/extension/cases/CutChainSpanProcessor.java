package dev.custody.extension.cases;

import static dev.custody.core.CustodyAttributes.MESSAGING_DESTINATION_NAME;
import static dev.custody.core.CustodyAttributes.MESSAGING_MESSAGE_CONVERSATION_ID;
import static dev.custody.core.CustodyAttributes.MESSAGING_SYSTEM;

import dev.custody.core.cases.UpstreamCases;
import dev.custody.extension.OnStartSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.List;

/**
 * A case root whose work came in a message from no case (the core marks it, see {@link
 * UpstreamCases#cutAt}) carries what may still tie it to its sender, as the agent recorded it on
 * the message's consumer span when it started. (The agent records the message id when that span
 * ends, after the root: it is on the root's parent only.)
 */
public final class CutChainSpanProcessor extends OnStartSpanProcessor {

  private static final List<AttributeKey<String>> CARRIED =
      List.of(MESSAGING_SYSTEM, MESSAGING_DESTINATION_NAME, MESSAGING_MESSAGE_CONVERSATION_ID);

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (CaseRoots.isCaseRoot(span)
        && UpstreamCases.cutAt(parentContext) instanceof ReadableSpan message) {
      for (AttributeKey<String> key : CARRIED) {
        String value = message.getAttribute(key);
        if (value != null) {
          span.setAttribute(key, value);
        }
      }
    }
  }
}
