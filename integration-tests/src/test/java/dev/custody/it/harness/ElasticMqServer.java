package dev.custody.it.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real ElasticMQ server (the SQS query and JSON protocols, in memory) on a free port, in a JVM of
 * its own with no agent.
 */
public final class ElasticMqServer implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;

  private ElasticMqServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts it and waits until it listens. */
  public static ElasticMqServer start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path server = Path.of(System.getProperty("custody.test-apps.dir"), "elasticmq-1", "target");
    Path log = Files.createTempFile("elasticmq", ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-Drest-sqs.bind-hostname=127.0.0.1",
                    "-Drest-sqs.bind-port=" + port,
                    "-Dnode-address.host=127.0.0.1",
                    "-Dnode-address.port=" + port,
                    "-Drest-stats.enabled=false",
                    "-cp",
                    Files.readString(server.resolve("elasticmq-1.classpath")).strip(),
                    "org.elasticmq.server.Main"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ElasticMqServer elasticMq = new ElasticMqServer(process, log, port);
    elasticMq.awaitListening(Duration.ofSeconds(90));
    return elasticMq;
  }

  /** The endpoint an SQS client is given. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitListening(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ElasticMQ exited:\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    String output = Files.readString(log);
    close();
    throw new IllegalStateException("ElasticMQ did not listen within " + within + ":\n" + output);
  }

  /** Stops it and deletes its log. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }
}
