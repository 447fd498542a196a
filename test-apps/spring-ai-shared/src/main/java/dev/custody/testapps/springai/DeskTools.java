package dev.custody.testapps.springai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The desk's tools: the weather comes from the backend at {@code -Dit.backend.url}; the stock
 * service is down.
 */
public final class DeskTools {

  private final HttpClient http = HttpClient.newHttpClient();

  @Tool(description = "The weather forecast for a city")
  public String getWeather(@ToolParam(description = "the city") String city) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(System.getProperty("it.backend.url") + "/weather/" + city))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Tool(description = "The latest price of a share")
  public String getSharePrice(@ToolParam(description = "the ticker symbol") String ticker) {
    throw new IllegalStateException("stock service unavailable for " + ticker);
  }
}
