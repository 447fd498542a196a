package dev.custody.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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

  private final ServerProcess process;
  private final Path home;
  private final int port;

  private KafkaBroker(ServerProcess process, Path home, int port) {
    this.process = process;
    this.home = home;
    this.port = port;
  }

  /** Formats its storage, starts it and waits until it listens. */
  public static KafkaBroker start() throws Exception {
    int port = ServerProcess.freePort();
    int controllerPort = ServerProcess.freePort();
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
    ServerProcess broker =
        ServerProcess.start(
            "Kafka",
            kafka(log, "kafka.Kafka", config.toString()),
            log,
            port,
            Duration.ofSeconds(90));
    return new KafkaBroker(broker, home, port);
  }

  /** What a client is given as {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  private static ProcessBuilder kafka(Path log, String mainClass, String... args)
      throws IOException {
    return ServerProcess.java("kafka-server-4", log, List.of("-Xmx512m"), mainClass, args);
  }

  /** Stops it and deletes its storage and log. */
  @Override
  public void close() throws IOException {
    process.stop();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }
}
