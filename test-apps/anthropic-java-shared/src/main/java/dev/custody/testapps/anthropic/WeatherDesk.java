package dev.custody.testapps.anthropic;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;

/**
 * A weather assistant on the Anthropic Java SDK, with no Custody code, whatever its version. Each
 * argument is a task, {@code mode=question}, run in order on the main thread: {@code blocking},
 * {@code async} (both run the tools themselves) or {@code runner} (the SDK's tool runner does). The
 * model is at {@code -Dit.model.url}, with the API key {@code IT_MODEL_API_KEY}; the weather tool
 * calls {@code -Dit.backend.url}.
 */
public final class WeatherDesk {

  private WeatherDesk() {}

  /** Runs the tasks; {@code sdk} says what this SDK version spells differently. */
  public static void run(String[] tasks, AnthropicSdk sdk) {
    WeatherAgent agent =
        new WeatherAgent(
            AnthropicOkHttpClient.builder()
                .baseUrl(System.getProperty("it.model.url"))
                .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "sk-ant-test"))
                .maxRetries(0)
                .build(),
            sdk);
    for (String task : tasks) {
      String mode = task.substring(0, task.indexOf('='));
      String question = task.substring(task.indexOf('=') + 1);
      String answer =
          switch (mode) {
            case "blocking" -> agent.ask(question);
            case "async" -> agent.askAsync(question).join();
            case "runner" -> agent.askTheToolRunner(question);
            default -> throw new IllegalArgumentException(mode);
          };
      System.out.println("ANSWER " + mode + ": " + answer);
    }
    System.exit(0);
  }
}
