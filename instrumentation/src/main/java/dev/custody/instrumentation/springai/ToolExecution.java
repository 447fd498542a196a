package dev.custody.instrumentation.springai;

import dev.custody.core.genai.ToolCallRequest;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One running tool execution.
 *
 * @param ownFrame the execution runs outside the tool-calling manager, in a frame of its own
 * @param context our {@code execute_tool} span's, or null when there is none
 * @param springSpan Spring AI's own span for the execution (a Micrometer tracing span), or null
 */
public record ToolExecution(
    ToolFrame frame,
    boolean ownFrame,
    ToolCallRequest request,
    Context context,
    Scope scope,
    Object springSpan) {}
