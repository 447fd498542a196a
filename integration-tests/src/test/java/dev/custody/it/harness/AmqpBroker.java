package dev.custody.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real AMQP 0-9-1 broker, the protocol RabbitMQ speaks: Apache Qpid Broker-J 10.0.1 in memory on
 * a free port, in a JVM of its own with no agent (no RabbitMQ, an Erlang program, runs here).
 */
public final class AmqpBroker implements AutoCloseable {

  private static final Duration STARTING = Duration.ofSeconds(90);

  private final ServerProcess process;
  private final Path log;
  private final int port;

  private AmqpBroker(ServerProcess process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts it and waits until its virtual host takes connections. */
  public static AmqpBroker start() throws Exception {
    int port = ServerProcess.freePort();
    Path log = Files.createTempFile("qpid", ".log");
    ProcessBuilder server =
        ServerProcess.java(
            javaBefore24(),
            "qpid-broker-10",
            log,
            List.of("-Xmx256m"),
            "dev.custody.testapps.qpid.QpidBrokerMain",
            String.valueOf(port));
    AmqpBroker broker =
        new AmqpBroker(
            ServerProcess.start("Qpid Broker-J", server, log, port, STARTING), log, port);
    broker.awaitReady();
    return broker;
  }

  /**
   * Qpid Broker-J asks {@code Subject.getSubject}, which Java 24 and later refuse: on a newer Java
   * the broker runs on an older one beside it ({@code CUSTODY_IT_OLDER_JAVA_HOME}, or a JDK 17 or
   * 21 in /usr/lib/jvm); the clients under test still run on the Java the tests run on.
   */
  static Path javaBefore24() throws IOException {
    Path current = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() < 24) {
      return current;
    }
    String configured = System.getenv("CUSTODY_IT_OLDER_JAVA_HOME");
    if (configured != null) {
      return Path.of(configured);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    try (Stream<Path> installed = Files.isDirectory(jvms) ? Files.list(jvms) : Stream.empty()) {
      Optional<Path> older =
          installed
              .filter(home -> home.getFileName().toString().matches(".*-(17|21)-.*"))
              .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
              .sorted()
              .findFirst();
      assumeTrue(
          older.isPresent(),
          "Qpid Broker-J needs Java 23 or older: set CUSTODY_IT_OLDER_JAVA_HOME to run the RabbitMQ test");
      return older.get();
    }
  }

  /** The URI a RabbitMQ client is given. */
  public String url() {
    return "amqp://guest:guest@127.0.0.1:" + port;
  }

  /** It listens before its virtual host is open; the launcher prints a line once it is. */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + STARTING.toNanos();
    while (!Files.readString(log).contains("BROKER READY")) {
      if (System.nanoTime() > deadline) {
        String output = Files.readString(log);
        close();
        throw new IllegalStateException(
            "Qpid Broker-J was not ready in " + STARTING + ":\n" + output);
      }
      Thread.sleep(100);
    }
  }

  /** Stops it and deletes its log. */
  @Override
  public void close() throws IOException {
    process.stop();
    Files.deleteIfExists(log);
  }
}
