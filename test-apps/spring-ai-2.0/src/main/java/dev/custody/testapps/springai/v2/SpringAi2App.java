package dev.custody.testapps.springai.v2;

import dev.custody.testapps.springai.WeatherDesk;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * The weather desk on Spring AI 2.0: the ChatClient runs the tool loop; the model uses the official
 * OpenAI SDK.
 */
public final class SpringAi2App {

  private SpringAi2App() {}

  public static void main(String[] args) {
    WeatherDesk.run(args, SpringAi2App::model);
  }

  static OpenAiChatModel model(String baseUrl, ObservationRegistry registry) {
    return OpenAiChatModel.builder()
        .options(
            OpenAiChatOptions.builder()
                .baseUrl(baseUrl)
                .apiKey(WeatherDesk.apiKey())
                .model("scripted-model")
                .temperature(0.2)
                .streamUsage(true)
                .build())
        .observationRegistry(registry)
        .build();
  }
}
