package dev.custody.core.genai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.genai.GenAiMessage.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenAiMessagesJsonTest {

  @Test
  void messagesAreTheSemanticConventionsJsonWithEachContentFiltered() {
    List<GenAiMessage> messages =
        List.of(
            new GenAiMessage("user", List.of(Part.text("Plan \"a\" trip"))),
            new GenAiMessage(
                "assistant",
                List.of(Part.text("ok"), Part.toolCall("c1", "weather", "{\"city\":\"Lisbon\"}")),
                "tool_call"),
            new GenAiMessage("tool", List.of(Part.toolCallResponse("c1", "sunny"))));
    assertThat(GenAiMessagesJson.render(messages, String::toUpperCase))
        .isEqualTo(
            "["
                + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"PLAN \\\"A\\\" TRIP\"}]},"
                + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"OK\"},"
                + "{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"weather\",\"arguments\":\"{\\\"CITY\\\":\\\"LISBON\\\"}\"}],"
                + "\"finish_reason\":\"tool_call\"},"
                + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\",\"response\":\"SUNNY\"}]}]");
    assertThat(GenAiMessagesJson.render(List.of(), text -> text)).isEqualTo("[]");
  }
}
