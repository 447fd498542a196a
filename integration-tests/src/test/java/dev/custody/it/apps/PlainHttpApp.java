package dev.custody.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An app with nothing but the JDK: one HTTP GET of {@code -Dit.url}, its body printed. */
public final class PlainHttpApp {

  private PlainHttpApp() {}

  public static void main(String[] args) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(System.getProperty("it.url"))).build();
    System.out.println(
        "BODY "
            + HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body());
  }
}
