package dev.custody.core.genai;

import java.util.List;

/**
 * What a library tells us about one model call before it is made. Unknown values are null.
 *
 * @param provider {@code gen_ai.provider.name}, e.g. {@code openai}
 * @param model the model asked for
 * @param messages the input messages, captured per the {@code messages} content policy
 */
public record ModelRequest(
    String provider,
    String model,
    Double temperature,
    Long maxTokens,
    Double topP,
    List<GenAiMessage> messages) {}
