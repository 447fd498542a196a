package dev.custody.core.genai;

/**
 * One tool call about to run.
 *
 * @param id the call id the model gave, or null
 * @param type {@code gen_ai.tool.type}: {@code function}, {@code extension} (e.g. an MCP tool) or
 *     {@code datastore}
 * @param arguments the arguments' JSON text, captured per the {@code tool} content policy
 */
public record ToolCallRequest(String name, String id, String type, String arguments) {}
