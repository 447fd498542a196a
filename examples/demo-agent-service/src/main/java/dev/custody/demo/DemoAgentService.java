package dev.custody.demo;

import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.util.List;

/**
 * A travel agent service with no Custody code: run it with {@code -javaagent:custody-agent.jar} and
 * its task becomes one audit trace. The model is scripted and local, so the demo runs offline.
 */
public final class DemoAgentService {

  static final String REQUEST =
      "Plan a day trip to Lisbon in June. My booking site login is password=lisbon-2026!";

  private DemoAgentService() {}

  public static void main(String[] args) throws Exception {
    List<ToolCall> plan =
        List.of(
            new ToolCall("weather", "{\"city\":\"Lisbon\"}"),
            new ToolCall("freeDays", "{\"month\":\"June\"}"));
    try (ScriptedOpenAiServer model =
        ScriptedOpenAiServer.start(plan, "Go on 14 June: Lisbon will be sunny, 24°C.")
            .serve("/weather", "Lisbon: sunny, 24°C")) {
      ChatModel chatModel =
          OpenAiChatModel.builder()
              .baseUrl(model.baseUrl())
              .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "demo-api-key"))
              .modelName("scripted-model")
              .build();
      TravelAssistant assistant =
          AiServices.builder(TravelAssistant.class)
              .chatModel(chatModel)
              .tools(new TravelTools(model.url("/weather")))
              .build();
      System.out.println("Agent answer: " + assistant.plan(REQUEST));
    }
  }
}
