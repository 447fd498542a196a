package dev.custody.core.cases;

import java.util.List;

/**
 * What a model call's request tells {@link ToolLoopCases}.
 *
 * @param answeredCallIds the ids of the tool calls whose results the request sends back; empty when
 *     it sends none
 * @param prompt the request's last user message: what a loop opened by this call is asked to do
 * @param systemMessage the request's system (or developer) message, or null
 */
public record ToolLoopRequest(List<String> answeredCallIds, String prompt, String systemMessage) {}
