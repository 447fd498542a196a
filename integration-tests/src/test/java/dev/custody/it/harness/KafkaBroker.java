package dev.custody.it.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

  /** Formats its storage, starts it and waits until it serves metadata. */
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
    awaitServing(port, Duration.ofSeconds(90));
    return new KafkaBroker(broker, home, port);
  }

  /**
   * Asks the broker for metadata (the Kafka protocol's Metadata v4, no topics) until it lists a
   * broker: it listens before it serves, and a client's first send would block meanwhile.
   */
  private static void awaitServing(int port, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(2_000);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        byte[] clientId = "custody-it".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
        out.writeShort(3); // Metadata
        out.writeShort(4);
        out.writeInt(1); // correlation id
        out.writeShort(clientId.length);
        out.write(clientId);
        out.writeInt(0); // no topics
        out.writeByte(0); // no topic creation
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readInt(); // size
        in.readInt(); // correlation id
        in.readInt(); // throttle time
        if (in.readInt() > 0) {
          return;
        }
      } catch (IOException notYet) {
        // Not serving yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Kafka listed no broker within " + within);
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
