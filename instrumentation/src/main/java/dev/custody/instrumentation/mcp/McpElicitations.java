package dev.custody.instrumentation.mcp;

import dev.custody.core.escalations.Escalation;
import dev.custody.core.escalations.Escalations;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * An MCP server's question to its client's user as an {@code escalation elicitation} span, a child
 * of the tool call that asked, from the request to the answer: accept is approved, decline denied,
 * cancel cancelled; no answer within the request's timeout is timed out.
 */
public final class McpElicitations {

  static final String ELICITATION = "elicitation";

  private static final Escalations ESCALATIONS = new Escalations("dev.custody.mcp-java-sdk-1.0");

  private McpElicitations() {}

  /**
   * The answer to return instead: asking on subscription, answered when it completes. A client that
   * cannot be asked (no elicitation capability) is refused by the SDK before any human is asked:
   * that is no escalation.
   */
  public static Mono<ElicitResult> traced(
      McpAsyncServerExchange exchange, Object request, Mono<ElicitResult> answer) {
    if (answer == null
        || exchange.getClientCapabilities() == null
        || exchange.getClientCapabilities().elicitation() == null) {
      return answer;
    }
    Context asker = Context.current();
    String question = question(request);
    String asked = clientOf(exchange);
    return Mono.defer(
        () -> {
          Escalation escalation = ask(asker, question, asked);
          if (escalation == null) {
            return answer;
          }
          return answer
              .doOnSuccess(result -> answered(escalation, asker, result, null))
              .doOnError(error -> answered(escalation, asker, null, error))
              .doOnCancel(() -> answered(escalation, asker, null, null));
        });
  }

  private static Escalation ask(Context asker, String question, String asked) {
    try {
      return ESCALATIONS.ask(asker, ELICITATION, question, asked);
    } catch (Throwable ours) {
      return null;
    }
  }

  /** Runs inside the server's reactive chain, where nothing suppresses what it throws. */
  private static void answered(
      Escalation escalation, Context asker, ElicitResult result, Throwable error) {
    try {
      escalation.answer(asker, error == null ? outcomeOf(result) : outcomeOf(error));
    } catch (Throwable ours) {
      // The tool gets its answer, recorded or not.
    }
  }

  /** What the answer says; none at all (empty, or cancelled) is cancelled. */
  static String outcomeOf(ElicitResult result) {
    if (result == null || result.action() == null) {
      return Escalation.CANCELLED;
    }
    return switch (result.action().name()) {
      case "ACCEPT" -> Escalation.APPROVED;
      case "DECLINE" -> Escalation.DENIED;
      default -> Escalation.CANCELLED;
    };
  }

  static String outcomeOf(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return Escalation.TIMED_OUT;
      }
    }
    return Escalation.CANCELLED;
  }

  /**
   * The request's message: a record in SDK 1.x, an interface with form and URL kinds in 2.x, so
   * read by name.
   */
  private static String question(Object request) {
    try {
      return (String) request.getClass().getMethod("message").invoke(request);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static String clientOf(McpAsyncServerExchange exchange) {
    Implementation client = exchange.getClientInfo();
    if (client == null || client.name() == null) {
      return null;
    }
    return client.version() == null ? client.name() : client.name() + " " + client.version();
  }
}
