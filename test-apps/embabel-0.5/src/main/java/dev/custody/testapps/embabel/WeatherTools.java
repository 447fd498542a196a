package dev.custody.testapps.embabel;

import com.embabel.agent.api.annotation.LlmTool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The weather tools: the forecast from the weather backend over HTTP; the alerts, which fail. */
public final class WeatherTools {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String backendUrl;

  WeatherTools(String backendUrl) {
    this.backendUrl = backendUrl;
  }

  @LlmTool(description = "The weather forecast for a city")
  public String getWeather(@LlmTool.Param(description = "the city") String city)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(backendUrl + "/weather/" + city)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  @LlmTool(description = "Weather alerts for a city")
  public String getAlerts(@LlmTool.Param(description = "the city") String city) {
    throw new IllegalStateException("the alert service is down");
  }
}
