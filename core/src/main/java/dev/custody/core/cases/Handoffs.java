package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.HANDOFF_MESSAGE_ID;
import static dev.custody.core.CustodyAttributes.HANDOFF_PEER;
import static dev.custody.core.CustodyAttributes.HANDOFF_PROTOCOL;
import static dev.custody.core.CustodyAttributes.HANDOFF_TASK_ID;

import dev.custody.core.AgentInternals;
import dev.custody.core.genai.ToolCallContexts;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work one agent hands to another: where the case left this process, and where it came in. The
 * sending side records the hop on the tool call it runs in (else on the agent invocation), so an
 * investigator reading the case sees whom the work went to; the receiving case root records the
 * same ids, so each side finds the other. Each attribute is written once: a tool call that hands
 * off twice shows its first hop (the HTTP spans under it show every one).
 */
public final class Handoffs {

  /** The hop recorded on each sending span, while the span lives. */
  private static final AgentInternals.Cache<Span, Hop> HOPS = AgentInternals.weakCache();

  private Handoffs() {}

  /**
   * Records, on the span that sends from {@code context}, that work went over {@code protocol} to
   * {@code peer} in the message {@code messageId}.
   */
  public static void sent(Context context, String protocol, String peer, String messageId) {
    Span sender = senderOf(context);
    if (sender != null
        && HOPS.computeIfAbsent(sender, span -> new Hop()).sent.compareAndSet(false, true)) {
      sender.setAttribute(HANDOFF_PROTOCOL, protocol);
      setIfPresent(sender, HANDOFF_PEER, peer);
      setIfPresent(sender, HANDOFF_MESSAGE_ID, messageId);
    }
  }

  /** Records, on the span that sends from {@code context}, the remote task the work became. */
  public static void accepted(Context context, String taskId) {
    Span sender = senderOf(context);
    Hop hop = sender == null ? null : HOPS.get(sender);
    if (taskId != null && hop != null && hop.accepted.compareAndSet(false, true)) {
      sender.setAttribute(HANDOFF_TASK_ID, taskId);
    }
  }

  /** Records, on the case root {@code invocation} started, the hop that brought its work. */
  public static void received(
      AgentInvocation invocation, String protocol, String taskId, String messageId) {
    Span root = Span.fromContext(invocation.context());
    root.setAttribute(HANDOFF_PROTOCOL, protocol);
    setIfPresent(root, HANDOFF_TASK_ID, taskId);
    setIfPresent(root, HANDOFF_MESSAGE_ID, messageId);
  }

  /** The tool call {@code context} is inside, else its agent invocation; null outside both. */
  private static Span senderOf(Context context) {
    Span toolCall = ToolCallContexts.spanOf(context);
    if (toolCall != null) {
      return toolCall;
    }
    AgentInvocation invocation = context.get(AgentInvocation.KEY);
    return invocation == null ? null : Span.fromContext(invocation.context());
  }

  private static void setIfPresent(Span span, AttributeKey<String> key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  /** What of its first hop a sending span has recorded. */
  private static final class Hop {
    final AtomicBoolean sent = new AtomicBoolean();
    final AtomicBoolean accepted = new AtomicBoolean();
  }
}
