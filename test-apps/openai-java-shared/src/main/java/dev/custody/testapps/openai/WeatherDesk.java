package dev.custody.testapps.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A weather assistant on the OpenAI Java SDK, with no Custody code, whatever its version. Each
 * argument is a task, {@code mode=question}, run in order on the main thread: {@code blocking},
 * {@code strict} (a failing tool gives the task up), {@code unreachable} (the model at {@code
 * -Dit.unreachable.model.url}), {@code async} or {@code streamed}. With {@code
 * -Dit.serve.requests=N} it then serves {@code POST /ask[?strict]} on one thread (printing {@code
 * LISTENING <port>}) and exits after N requests. The model is at {@code -Dit.model.url}, with the
 * API key {@code IT_MODEL_API_KEY}; the weather tool calls {@code -Dit.backend.url}.
 */
public final class WeatherDesk {

  private WeatherDesk() {}

  /**
   * Runs the tasks, then serves if asked; {@code functions} is how the SDK version spells tools.
   */
  public static void run(String[] tasks, FunctionTools functions) throws Exception {
    String apiKey = System.getenv().getOrDefault("IT_MODEL_API_KEY", "sk-test");
    WeatherTools tools = new WeatherTools(System.getProperty("it.backend.url"));
    WeatherAgent agent = agent(System.getProperty("it.model.url"), apiKey, tools, functions);
    for (String task : tasks) {
      String mode = task.substring(0, task.indexOf('='));
      String question = task.substring(task.indexOf('=') + 1);
      try {
        String answer =
            switch (mode) {
              case "blocking" -> agent.ask(question, false);
              case "strict" -> agent.ask(question, true);
              case "unreachable" ->
                  agent(System.getProperty("it.unreachable.model.url"), apiKey, tools, functions)
                      .ask(question, false);
              case "async" -> agent.askAsync(question).join();
              case "streamed" -> agent.askStreamed(question);
              default -> throw new IllegalArgumentException(mode);
            };
        System.out.println("ANSWER " + mode + ": " + answer);
      } catch (RuntimeException e) {
        System.out.println("FAILED " + mode + ": " + e);
      }
    }
    Integer requests = Integer.getInteger("it.serve.requests");
    if (requests != null) {
      serve(agent, requests);
    }
    System.exit(0);
  }

  private static WeatherAgent agent(
      String modelUrl, String apiKey, WeatherTools tools, FunctionTools functions) {
    OpenAIClient client =
        OpenAIOkHttpClient.builder().baseUrl(modelUrl).apiKey(apiKey).maxRetries(0).build();
    OpenAIClientAsync asyncClient =
        OpenAIOkHttpClientAsync.builder().baseUrl(modelUrl).apiKey(apiKey).maxRetries(0).build();
    return new WeatherAgent(client, asyncClient, tools, functions);
  }

  /** Serves the questions on the server's own dispatcher thread, one after the other. */
  private static void serve(WeatherAgent agent, int requests) throws Exception {
    CountDownLatch done = new CountDownLatch(requests);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ask",
        exchange -> {
          try {
            String question =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean strict = "strict".equals(exchange.getRequestURI().getQuery());
            respond(exchange, 200, agent.ask(question, strict));
          } catch (RuntimeException e) {
            respond(exchange, 500, "FAILED: " + e);
          } finally {
            done.countDown();
          }
        });
    server.start();
    System.out.println("LISTENING " + server.getAddress().getPort());
    done.await();
    server.stop(0);
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
