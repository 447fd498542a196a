package dev.custody.it.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker, one KRaft node that is also its controller, on free ports, in a JVM
 * of its own with no agent; its storage is formatted first, as {@code kafka-storage.sh format}
 * would.
 */
public final class KafkaBroker implements AutoCloseable {

  private final Process process;
  private final Path home;
  private final Path log;
  private final int port;

  private KafkaBroker(Process process, Path home, int port) {
    this.process = process;
    this.home = home;
    this.log = home.resolve("kafka.log");
    this.port = port;
  }

  /** Formats its storage, starts it and waits until it listens. */
  public static KafkaBroker start() throws Exception {
    int port = freePort();
    int controllerPort = freePort();
    Path home = Files.createTempDirectory("kafka");
    Path config = home.resolve("server.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "log.dirs=" + home.resolve("data"),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "num.partitions=1"));
    Path log = home.resolve("kafka.log");
    byte[] clusterId = new SecureRandom().generateSeed(16);
    Process format =
        kafka(
                log,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Base64.getUrlEncoder().withoutPadding().encodeToString(clusterId),
                "-c",
                config.toString())
            .start();
    if (format.waitFor() != 0) {
      throw new IllegalStateException("kafka-storage format failed:\n" + Files.readString(log));
    }
    KafkaBroker broker =
        new KafkaBroker(kafka(log, "kafka.Kafka", config.toString()).start(), home, port);
    broker.awaitListening(Duration.ofSeconds(90));
    return broker;
  }

  /** What a client is given as {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  private static ProcessBuilder kafka(Path log, String mainClass, String... args)
      throws IOException {
    Path server = Path.of(System.getProperty("custody.test-apps.dir"), "kafka-server-4", "target");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                Files.readString(server.resolve("kafka-server-4.classpath")).strip(),
                mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitListening(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka exited:\n" + Files.readString(log));
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
    throw new IllegalStateException("Kafka did not listen within " + within + ":\n" + output);
  }

  /** Stops it and deletes its storage and log. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }
}
