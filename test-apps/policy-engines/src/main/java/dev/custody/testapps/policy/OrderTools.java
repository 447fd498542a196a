package dev.custody.testapps.policy;

import dev.langchain4j.agent.tool.Tool;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The desk's tools: each asks OPA's data API whether the user may act, with the HTTP client its
 * team prefers.
 */
public final class OrderTools implements AutoCloseable {

  private final String opa;
  private final HttpClient jdk = HttpClient.newHttpClient();
  private final OkHttpClient okHttp = new OkHttpClient();

  OrderTools(String opa) {
    this.opa = opa;
  }

  @Tool("Lists the orders of a customer")
  public String listOrders(String customer) throws Exception {
    String answer =
        jdk.send(
                ask("orders/read?provenance", customer, "read"),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return answer.contains("\"allow\":true")
        ? "3 open orders for " + customer
        : "not allowed to list orders";
  }

  @Tool("Counts the orders of a customer")
  public String countOrders(String customer) throws Exception {
    // OPA's GET form: the input as a query parameter.
    String input =
        URLEncoder.encode(
            "{\"user\":\"" + customer + "\",\"action\":\"count\"}", StandardCharsets.UTF_8);
    String answer =
        jdk.send(
                HttpRequest.newBuilder(URI.create(opa + "/v1/data/orders/count?input=" + input))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return answer.contains("\"allow\":true")
        ? "3 orders for " + customer
        : "not allowed to count orders";
  }

  @Tool("Exports the orders of a customer")
  public String exportOrders(String customer) throws Exception {
    // The OPA Java SDK's way: asynchronously, reading the answer as a stream.
    HttpResponse<InputStream> response =
        jdk.sendAsync(
                ask("orders/export", customer, "export"), HttpResponse.BodyHandlers.ofInputStream())
            .get();
    try (InputStream body = response.body()) {
      String answer = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      return answer.contains("\"allow\":true")
          ? "exported the orders of " + customer
          : "not allowed to export";
    }
  }

  @Tool("Puts the orders of a customer on hold")
  public String holdOrders(String customer) throws Exception {
    // Only the status matters here: the answer (with its long list of obligations) is closed
    // unread.
    HttpResponse<InputStream> response =
        jdk.send(ask("orders/hold", customer, "hold"), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode() == 200
        ? "put the orders of " + customer + " on hold"
        : "OPA is unavailable";
  }

  @Tool("Archives the orders of a customer")
  public String archiveOrders(String customer) throws Exception {
    // RestTemplate's way by default: HttpURLConnection, the status first, then the body.
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(opa + "/v1/data/orders/archive").toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream body = connection.getOutputStream()) {
      body.write(input(customer, "archive").getBytes(StandardCharsets.UTF_8));
    }
    if (connection.getResponseCode() != 200) {
      return "OPA is unavailable";
    }
    try (InputStream body = connection.getInputStream()) {
      String answer = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      return answer.contains("\"allow\":true")
          ? "archived the orders of " + customer
          : "not allowed to archive";
    }
  }

  @Tool("Reviews the orders of a customer")
  public String reviewOrders(String customer) throws Exception {
    try (Response response =
        okHttp.newCall(okHttpAsk("orders/review", customer, "review")).execute()) {
      return "OPA answered "
          + response.code()
          + " with "
          + response.body().string().length()
          + " characters";
    }
  }

  @Tool("Deletes the orders of a customer")
  public String deleteOrders(String customer) throws Exception {
    try (Response response =
        okHttp.newCall(okHttpAsk("orders/delete/deny", customer, "delete")).execute()) {
      String answer = response.body().string();
      return answer.contains("\"result\":[]")
          ? "deleted the orders of " + customer
          : "refused: " + answer;
    }
  }

  @Override
  public void close() {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }

  private HttpRequest ask(String document, String customer, String action) {
    return HttpRequest.newBuilder(URI.create(opa + "/v1/data/" + document))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(input(customer, action)))
        .build();
  }

  private Request okHttpAsk(String document, String customer, String action) {
    return new Request.Builder()
        .url(opa + "/v1/data/" + document)
        .post(RequestBody.create(input(customer, action), MediaType.get("application/json")))
        .build();
  }

  private static String input(String customer, String action) {
    return "{\"input\":{\"user\":\"" + customer + "\",\"action\":\"" + action + "\"}}";
  }
}
