package dev.custody.testapps.springai.v1;

import dev.custody.testapps.springai.WeatherDesk;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;

/**
 * The weather desk on Spring AI 1.1: the model runs the tool loop, on Spring AI's own OpenAI
 * client.
 */
public final class SpringAi1App {

  private SpringAi1App() {}

  public static void main(String[] args) {
    WeatherDesk.run(args, SpringAi1App::model);
  }

  static OpenAiChatModel model(String baseUrl, ObservationRegistry registry) {
    return OpenAiChatModel.builder()
        .openAiApi(
            OpenAiApi.builder()
                .baseUrl(baseUrl)
                .completionsPath("/chat/completions")
                .apiKey(WeatherDesk.apiKey())
                .build())
        .defaultOptions(
            OpenAiChatOptions.builder()
                .model("scripted-model")
                .temperature(0.2)
                .streamUsage(true)
                .build())
        .observationRegistry(registry)
        .toolCallingManager(ToolCallingManager.builder().observationRegistry(registry).build())
        .build();
  }
}
