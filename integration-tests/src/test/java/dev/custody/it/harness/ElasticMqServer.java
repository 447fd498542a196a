package dev.custody.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real ElasticMQ server (the SQS query and JSON protocols, in memory) on a free port, in a JVM of
 * its own with no agent.
 */
public final class ElasticMqServer implements AutoCloseable {

  private final ServerProcess process;
  private final Path log;
  private final int port;

  private ElasticMqServer(ServerProcess process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts it and waits until it listens. */
  public static ElasticMqServer start() throws Exception {
    int port = ServerProcess.freePort();
    Path log = Files.createTempFile("elasticmq", ".log");
    ProcessBuilder server =
        ServerProcess.java(
            "elasticmq-1",
            log,
            List.of(
                "-Xmx256m",
                "-Drest-sqs.bind-hostname=127.0.0.1",
                "-Drest-sqs.bind-port=" + port,
                "-Dnode-address.host=127.0.0.1",
                "-Dnode-address.port=" + port,
                "-Drest-stats.enabled=false"),
            "org.elasticmq.server.Main");
    return new ElasticMqServer(
        ServerProcess.start("ElasticMQ", server, log, port, Duration.ofSeconds(90)), log, port);
  }

  /** The endpoint an SQS client is given. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops it and deletes its log. */
  @Override
  public void close() throws IOException {
    process.stop();
    Files.deleteIfExists(log);
  }
}
