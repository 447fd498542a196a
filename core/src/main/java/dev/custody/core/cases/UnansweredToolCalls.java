package dev.custody.core.cases;

/**
 * How a tool loop ends when the application never sends back the results of the tool calls the
 * model asked for.
 */
final class UnansweredToolCalls extends RuntimeException {

  UnansweredToolCalls(String when) {
    // A fixed reason, no stack trace: it is recorded on the case root, and nothing was thrown.
    super("the model's last tool calls were never answered: " + when, null, false, false);
  }
}
