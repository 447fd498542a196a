package dev.custody.demo;

import dev.langchain4j.agent.tool.Tool;
import io.github.jopenlibs.vault.VaultException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The agent's tools: one asks a weather service over HTTP, one answers from memory, one books the
 * train.
 */
public final class TravelTools {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String weatherUrl;
  private final TrainBookings bookings;

  TravelTools(String weatherUrl, TrainBookings bookings) {
    this.weatherUrl = weatherUrl;
    this.bookings = bookings;
  }

  @Tool("The weather forecast for a city")
  public String weather(String city) throws IOException, InterruptedException {
    URI uri = URI.create(weatherUrl + "?city=" + URLEncoder.encode(city, StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Tool("The traveller's free days in a month")
  public String freeDays(String month) {
    return "Free in " + month + ": 13, 14, 20";
  }

  @Tool("Books the train to Lisbon on a date (yyyy-mm-dd)")
  public String bookTrain(String date) throws IOException, InterruptedException, VaultException {
    return bookings.book("Lisbon", date);
  }
}
