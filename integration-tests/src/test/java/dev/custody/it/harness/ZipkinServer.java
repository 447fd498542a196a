package dev.custody.it.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Zipkin server (the {@code zipkin-server} exec jar, in-memory storage) on a free port. */
public final class ZipkinServer implements AutoCloseable {

  /** HTTP/1.1, as Zipkin's UI and reporters speak to it: no h2c upgrade to go wrong under load. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Process process;
  private final Path log;
  private final int port;

  private ZipkinServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts it and waits until it answers its health check (about 15 s on two busy cores). */
  public static ZipkinServer start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("zipkin", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-jar",
                    System.getProperty("custody.zipkin.jar")))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("QUERY_PORT", String.valueOf(port));
    builder.environment().put("STORAGE_TYPE", "mem");
    ZipkinServer server = new ZipkinServer(builder.start(), log, port);
    server.awaitHealthy(Duration.ofSeconds(90));
    return server;
  }

  /** The base URL of its API and UI. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Where the stock agent's Zipkin exporter sends spans. */
  public String spansEndpoint() {
    return url() + "/api/v2/spans";
  }

  /** Stores {@code json} (a list of Zipkin v2 spans) as any reporter could. */
  public void post(String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(spansEndpoint()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("Zipkin answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Zipkin's answer to {@code path} (under its base URL). */
  public String get(String path) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private void awaitHealthy(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Zipkin exited:\n" + Files.readString(log));
      }
      try {
        if (get("/health").contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    close();
    throw new IllegalStateException(
        "Zipkin did not start within " + within + ":\n" + Files.readString(log));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
