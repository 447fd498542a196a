package dev.custody.instrumentation.jackson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a message's content in the JSON of the OpenAI and Anthropic APIs, which share its
 * shape.
 */
public final class MessageText {

  private MessageText() {}

  /**
   * A string, or the text of its {@code text} parts (blocks) joined by new lines; null when it has
   * none.
   */
  public static String of(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode part : content) {
      if (part.path("type").asText().equals("text")) {
        texts.add(part.path("text").asText());
      }
    }
    return texts.isEmpty() ? null : String.join("\n", texts);
  }
}
