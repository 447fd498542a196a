package dev.custody.testapps.openai;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The tools the app runs itself: the weather comes from a backend over HTTP; the clock is broken.
 */
final class WeatherTools {

  /** A tool that failed; a lenient loop tells the model, a strict one gives the task up. */
  static final class ToolFailure extends RuntimeException {
    ToolFailure(String message) {
      super(message);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final String backendUrl;

  WeatherTools(String backendUrl) {
    this.backendUrl = backendUrl;
  }

  String run(String name, String argumentsJson) {
    return switch (name) {
      case "get_weather" -> weather();
      case "get_time" -> throw new ToolFailure("the time service is unavailable");
      default -> throw new ToolFailure("no tool " + name);
    };
  }

  private String weather() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(backendUrl + "/weather/Paris")).build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new ToolFailure("the weather backend failed: " + e);
    }
  }
}
