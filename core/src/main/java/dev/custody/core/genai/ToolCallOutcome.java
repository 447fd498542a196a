package dev.custody.core.genai;

/**
 * How a tool call ended, as the framework reported it.
 *
 * @param result the result text handed back to the model, captured per the {@code tool} content
 *     policy
 * @param failure the exception the tool threw, also when the framework swallowed it into a text
 *     result; or null
 * @param errorResult the framework handed the model the result as an error (a tool whose exception
 *     it turned into an error result without showing it): {@code error.type} {@code tool_error}
 */
public record ToolCallOutcome(String result, Throwable failure, boolean errorResult) {

  public ToolCallOutcome(String result, Throwable failure) {
    this(result, failure, false);
  }

  /** The tool failed: it threw, or its result is an error. */
  public boolean failed() {
    return failure != null || errorResult;
  }
}
