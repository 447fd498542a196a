package dev.custody.instrumentation.a2a;

import static dev.custody.core.CustodyAttributes.HANDOFF_A2A;

import dev.custody.core.cases.Handoffs;
import io.a2a.spec.AgentCard;
import io.a2a.spec.EventKind;
import io.a2a.spec.Message;
import io.a2a.spec.MessageSendParams;
import io.a2a.spec.Task;
import io.opentelemetry.context.Context;

/**
 * An A2A client's side of the hop: the sender's tool call names the agent (its card's name), the
 * message and the task the remote agent made of it.
 */
public final class A2aCalls {

  private A2aCalls() {}

  public static void sending(AgentCard card, MessageSendParams params) {
    Message message = params == null ? null : params.message();
    Handoffs.sent(
        Context.current(),
        HANDOFF_A2A,
        card == null ? null : card.name(),
        message == null ? null : message.messageId());
  }

  /** The remote agent answered with a task, or a message that may name one. */
  public static void accepted(EventKind answer) {
    String taskId = null;
    if (answer instanceof Task task) {
      taskId = task.id();
    } else if (answer instanceof Message message) {
      taskId = message.taskId();
    }
    Handoffs.accepted(Context.current(), taskId);
  }
}
