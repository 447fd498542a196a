package dev.custody.testapps.quarkuslangchain4j;

import dev.langchain4j.agent.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The desk's one tool: it looks an order up in the order backend at {@code -Dapp.backend.url}. */
@ApplicationScoped
public class OrderTools {

  private final HttpClient http = HttpClient.newHttpClient();

  @Tool("Looks an order up in the order backend")
  public String lookupOrder(String orderId) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(System.getProperty("app.backend.url") + "/orders/" + orderId))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalArgumentException("no order " + orderId);
    }
    return response.body();
  }
}
