package dev.custody.it.harness;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server (a broker, a queue) in a JVM of its own with no agent, on the class path of its module
 * under {@code test-apps}, its output in a log: started, awaited until it listens, stopped.
 */
final class ServerProcess {

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * {@code java jvmOptions -cp <testApp's classes and class path> mainClass args}, its output
   * appended to {@code log}.
   */
  static ProcessBuilder java(
      String testApp, Path log, List<String> jvmOptions, String mainClass, String... args)
      throws IOException {
    return java(
        Path.of(System.getProperty("java.home")), testApp, log, jvmOptions, mainClass, args);
  }

  /** The same on the Java installed at {@code javaHome}. */
  static ProcessBuilder java(
      Path javaHome,
      String testApp,
      Path log,
      List<String> jvmOptions,
      String mainClass,
      String... args)
      throws IOException {
    Path module = Path.of(System.getProperty("custody.test-apps.dir"), testApp, "target");
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    String classPath = Files.readString(module.resolve(testApp + ".classpath")).strip();
    Path classes = module.resolve("classes");
    command.add(Files.isDirectory(classes) ? classes + File.pathSeparator + classPath : classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  /** Starts {@code server} and waits until it listens on {@code port}; stopped if it does not. */
  static ServerProcess start(
      String name, ProcessBuilder server, Path log, int port, Duration within) throws Exception {
    ServerProcess started = new ServerProcess(name, server.start(), log);
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!started.process.isAlive()) {
        throw new IllegalStateException(name + " exited:\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return started;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    String output = Files.readString(log);
    started.stop();
    throw new IllegalStateException(name + " did not listen within " + within + ":\n" + output);
  }

  /** Stops it and waits until it is gone. */
  void stop() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
