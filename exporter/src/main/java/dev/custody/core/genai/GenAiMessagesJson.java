package dev.custody.core.genai;

import static dev.custody.bootstrap.JsonStrings.quote;

import java.util.List;
import java.util.function.UnaryOperator;

/** Renders messages as the JSON the GenAI semantic conventions define, passing each content piece through a filter. */
final class GenAiMessagesJson {

  private GenAiMessagesJson() {}

  static String render(List<GenAiMessage> messages, UnaryOperator<String> eachContent) {
    StringBuilder json = new StringBuilder("[");
    for (GenAiMessage message : messages) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"role\":").append(quote(message.role())).append(",\"parts\":[");
      boolean first = true;
      for (GenAiMessage.Part part : message.parts()) {
        json.append(first ? "" : ",");
        first = false;
        appendPart(json, part, eachContent);
      }
      json.append(']');
      if (message.finishReason() != null) {
        json.append(",\"finish_reason\":").append(quote(message.finishReason()));
      }
      json.append('}');
    }
    return json.append(']').toString();
  }

  private static void appendPart(StringBuilder json, GenAiMessage.Part part, UnaryOperator<String> eachContent) {
    json.append("{\"type\":").append(quote(part.type()));
    if (part.id() != null) {
      json.append(",\"id\":").append(quote(part.id()));
    }
    if (part.name() != null) {
      json.append(",\"name\":").append(quote(part.name()));
    }
    if (part.content() != null) {
      String field = switch (part.type()) {
        case "tool_call" -> "arguments";
        case "tool_call_response" -> "response";
        default -> "content";
      };
      json.append(",\"").append(field).append("\":").append(quote(eachContent.apply(part.content())));
    }
    json.append('}');
  }
}
