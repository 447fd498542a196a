package dev.custody.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * What the scripted models share: an HTTP server on a free loopback port, on daemon threads, that
 * records every request as the model describes it and can serve fixed text at extra paths, as a
 * tool's backend.
 *
 * @param <S> the model, returned by {@link #serve} for chaining
 * @param <R> how the model records a request
 */
public abstract class ScriptedServer<S extends ScriptedServer<S, R>, R> implements AutoCloseable {

  /** Describes a request the server received; the body is already read. */
  interface Recorder<R> {
    R record(HttpExchange exchange, String body);
  }

  /** Answers a request whose body is already read and recorded. */
  interface Handler {
    void handle(HttpExchange exchange, String body) throws IOException;
  }

  private final HttpServer server;
  private final Recorder<R> recorder;
  private final List<R> requests = Collections.synchronizedList(new ArrayList<>());

  ScriptedServer(String threadName, Recorder<R> recorder) throws IOException {
    this(threadName, recorder, null);
  }

  /** Served over HTTPS with {@code tls}'s certificate, or over plain HTTP when it is null. */
  ScriptedServer(String threadName, Recorder<R> recorder, SelfSignedTls tls) throws IOException {
    this.recorder = recorder;
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      try {
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      } catch (GeneralSecurityException e) {
        throw new IOException(e);
      }
      server = https;
    }
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            }));
  }

  /** Serves {@code text} as plain text at {@code path}. */
  @SuppressWarnings("unchecked")
  public S serve(String path, String text) {
    handle(path, (exchange, body) -> respond(exchange, "text/plain", text));
    return (S) this;
  }

  public String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<R> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Answers {@code path}; then call {@link #listen}. */
  void handle(String path, Handler handler) {
    server.createContext(
        path,
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(recorder.record(exchange, body));
          handler.handle(exchange, body);
        });
  }

  void listen() {
    server.start();
  }

  static void respond(HttpExchange exchange, String type, String body) throws IOException {
    respond(exchange, 200, type, body);
  }

  /**
   * Answers with {@code status} and {@code body}, or with no body at all when it is null (a 204).
   */
  static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
