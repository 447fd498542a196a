package dev.custody.it.apps;

import com.sun.net.httpserver.HttpServer;
import dev.custody.testapps.orderdesk.OrderAgent;
import dev.custody.testapps.orderdesk.OrderAgent.OrderAssistant;
import dev.custody.testing.AdversarialInputs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An agent service an outsider sends hostile text, with no Custody code: the order assistant of
 * {@link OrderAgentApp} beside a JDK {@code HttpServer} that answers {@code GET /health}, as a load
 * balancer probes it. It runs the steps given as arguments in order, on its main thread, and prints
 * what each took:
 *
 * <ul>
 *   <li>{@code health:<input>:<chars>} sends its own {@code /health} a {@code User-Agent} that is
 *       {@link AdversarialInputs#of} that input ({@code HEALTH <input> <status> <ms>});
 *   <li>{@code ask} runs an ordinary task ({@code TOOK ordinary <ms>});
 *   <li>{@code ask:<input>:<chars>} runs a task whose prompt is that input, {@code
 *       ask:adversarial-prompt} one whose prompt is {@link AdversarialInputs#prompt()} ({@code TOOK
 *       <input> <ms>}).
 * </ul>
 *
 * Each task also prints {@code ANSWER: <answer>}. Then it prints {@code DONE} and exits, or with
 * {@code -Dit.linger=true} keeps running until it is stopped, so that what it exports is seen while
 * it runs.
 */
public final class HostileInputApp {

  public static final String ORDINARY_REQUEST = "Where is my order A-17?";

  private HostileInputApp() {}

  public static void main(String[] steps) throws Exception {
    OrderAssistant assistant = OrderAgent.assistant(new OrderAgentApp.OrderTools());
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    URI health = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    for (String step : steps) {
      String[] parts = step.split(":");
      long start = System.nanoTime();
      if (parts[0].equals("health")) {
        String userAgent = AdversarialInputs.of(parts[1], Integer.parseInt(parts[2])).text();
        HttpRequest probe = HttpRequest.newBuilder(health).header("User-Agent", userAgent).build();
        int status = http.send(probe, HttpResponse.BodyHandlers.ofString()).statusCode();
        System.out.println("HEALTH " + parts[1] + " " + status + " " + millisSince(start));
      } else {
        String label = parts.length == 1 ? "ordinary" : parts[1];
        String prompt = prompt(parts);
        start = System.nanoTime();
        String answer = assistant.chat(prompt);
        System.out.println("TOOK " + label + " " + millisSince(start));
        System.out.println("ANSWER: " + answer);
      }
    }
    System.out.println("DONE");
    if (Boolean.getBoolean("it.linger")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    server.stop(0);
    System.exit(0);
  }

  private static String prompt(String[] step) {
    if (step.length == 1) {
      return ORDINARY_REQUEST;
    }
    if (step[1].equals("adversarial-prompt")) {
      return AdversarialInputs.prompt().text();
    }
    return AdversarialInputs.of(step[1], Integer.parseInt(step[2])).text();
  }

  private static String millisSince(long startNanos) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e6);
  }
}
