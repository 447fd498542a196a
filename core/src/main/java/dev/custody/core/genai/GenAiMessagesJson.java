package dev.custody.core.genai;

import dev.custody.core.json.JsonWriter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renders messages as the JSON the GenAI semantic conventions define, passing each content piece
 * through a filter.
 */
final class GenAiMessagesJson {

  private GenAiMessagesJson() {}

  static String render(List<GenAiMessage> messages, UnaryOperator<String> eachContent) {
    JsonWriter json = new JsonWriter().beginArray();
    for (GenAiMessage message : messages) {
      json.beginObject().name("role").value(message.role()).name("parts").beginArray();
      for (GenAiMessage.Part part : message.parts()) {
        writePart(json, part, eachContent);
      }
      json.endArray();
      if (message.finishReason() != null) {
        json.name("finish_reason").value(message.finishReason());
      }
      json.endObject();
    }
    return json.endArray().toString();
  }

  private static void writePart(
      JsonWriter json, GenAiMessage.Part part, UnaryOperator<String> eachContent) {
    json.beginObject().name("type").value(part.type());
    if (part.id() != null) {
      json.name("id").value(part.id());
    }
    if (part.name() != null) {
      json.name("name").value(part.name());
    }
    if (part.content() != null) {
      String field =
          switch (part.type()) {
            case "tool_call" -> "arguments";
            case "tool_call_response" -> "response";
            default -> "content";
          };
      json.name(field).value(eachContent.apply(part.content()));
    }
    json.endObject();
  }
}
