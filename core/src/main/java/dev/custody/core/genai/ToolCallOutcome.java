package dev.custody.core.genai;

/**
 * How a tool call ended, as the framework reported it.
 *
 * @param result the result text handed back to the model, captured per the {@code tool} content
 *     policy
 * @param failure the exception the tool threw, also when the framework swallowed it into a text
 *     result; or null
 */
public record ToolCallOutcome(String result, Throwable failure) {}
