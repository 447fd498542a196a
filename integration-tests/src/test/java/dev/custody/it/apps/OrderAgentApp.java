package dev.custody.it.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.custody.testapps.orderdesk.OrderAgent;
import dev.custody.testapps.orderdesk.OrderAgent.OrderAssistant;
import dev.langchain4j.agent.tool.Tool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A LangChain4j agent service under test, with no Custody code: the order assistant of the web test
 * apps ({@link OrderAgent}) with its own order tool. Each argument is one user request; all
 * requests run at the same moment on their own threads. With {@code -Dit.serve.requests=N} it
 * instead serves {@code POST /ask} on a free port (printing {@code LISTENING <port>}) and exits
 * after N requests. The model is at {@code -Dit.model.url}; the order tool calls the backend at
 * {@code -Dit.backend.url} (plus {@code IT_BACKEND_QUERY}) with the bearer token from {@code
 * IT_BACKEND_TOKEN}.
 */
public final class OrderAgentApp {

  /** The order tool; it calls the backend from a worker pool, as services often do. */
  public static final class OrderTools {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon());

    @Tool("Looks an order up in the order backend")
    public String lookupOrder(String orderId) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      System.getProperty("it.backend.url")
                          + "/orders/"
                          + orderId
                          + System.getenv().getOrDefault("IT_BACKEND_QUERY", "")))
              .header(
                  "Authorization",
                  "Bearer " + System.getenv().getOrDefault("IT_BACKEND_TOKEN", "none"))
              .build();
      return workers
          .submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body())
          .get();
    }

    private static ThreadFactory daemon() {
      return runnable -> {
        Thread thread = new Thread(runnable, "order-worker");
        thread.setDaemon(true);
        return thread;
      };
    }
  }

  private OrderAgentApp() {}

  public static void main(String[] requests) throws Exception {
    OrderAssistant assistant = OrderAgent.assistant(new OrderTools());
    Integer served = Integer.getInteger("it.serve.requests");
    boolean ok = served != null ? serve(assistant, served) : askTogether(assistant, requests);
    System.exit(ok ? 0 : 1);
  }

  private static boolean askTogether(OrderAssistant assistant, String[] requests) throws Exception {
    CyclicBarrier together = new CyclicBarrier(requests.length);
    AtomicBoolean failed = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (String request : requests) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  together.await();
                  System.out.println("ANSWER: " + assistant.chat(request));
                } catch (Exception e) {
                  failed.set(true);
                  e.printStackTrace();
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return !failed.get();
  }

  private static boolean serve(OrderAssistant assistant, int requests) throws Exception {
    CountDownLatch done = new CountDownLatch(requests);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ask",
        exchange -> {
          try {
            String request =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = assistant.chat(request);
            System.out.println("ANSWER: " + answer);
            respond(exchange, answer);
          } finally {
            done.countDown();
          }
        });
    server.start();
    System.out.println("LISTENING " + server.getAddress().getPort());
    done.await();
    server.stop(0);
    return true;
  }

  private static void respond(HttpExchange exchange, String answer) throws IOException {
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
