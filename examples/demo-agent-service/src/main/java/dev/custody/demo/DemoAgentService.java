package dev.custody.demo;

import dev.custody.testing.ScriptedOpaServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import dev.custody.testing.ScriptedVaultServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.nio.file.Path;
import java.util.List;

/**
 * A travel agent service with no Custody code: run it with {@code -javaagent:custody-agent.jar} and
 * its task becomes one audit trace. The model, OPA, Vault and the booking API are scripted and
 * local, so the demo runs offline. The pod's service-account token is at {@code
 * -Dapp.service-account-token} (what {@link PodToken} writes), Kubernetes' path by default.
 */
public final class DemoAgentService {

  static final String REQUEST =
      "Book a day trip to Lisbon in June. My booking site login is password=lisbon-2026!";

  private DemoAgentService() {}

  public static void main(String[] args) throws Exception {
    List<ToolCall> plan =
        List.of(
            new ToolCall("weather", "{\"city\":\"Lisbon\"}"),
            new ToolCall("freeDays", "{\"month\":\"June\"}"),
            new ToolCall("bookTrain", "{\"date\":\"2026-06-14\"}"));
    Path serviceAccountToken =
        Path.of(
            System.getProperty(
                "app.service-account-token",
                "/var/run/secrets/kubernetes.io/serviceaccount/token"));
    try (ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(
                    plan, "Booked: the train to Lisbon on 14 June, which will be sunny, 24°C.")
                .serve("/weather", "Lisbon: sunny, 24°C")
                .serve("/bookings", "{\"booking\":\"LIS-0614\"}");
        ScriptedOpaServer opa = ScriptedOpaServer.start().document("travel/booking/allow", "true");
        ScriptedVaultServer vault =
            ScriptedVaultServer.start().databaseRole("bookings", 900, 900)) {
      ChatModel chatModel =
          OpenAiChatModel.builder()
              .baseUrl(model.baseUrl())
              .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "demo-api-key"))
              .modelName("scripted-model")
              .build();
      TrainBookings bookings =
          new TrainBookings(
              opa.endpoint(), vault.address(), model.url("/bookings"), serviceAccountToken);
      TravelAssistant assistant =
          AiServices.builder(TravelAssistant.class)
              .chatModel(chatModel)
              .tools(new TravelTools(model.url("/weather"), bookings))
              .build();
      System.out.println("Agent answer: " + assistant.plan(REQUEST));
    }
  }
}
