package dev.custody.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an application in its own JVM, as ops would: {@code java -javaagent:custody-agent.jar ...},
 * exporting to the given OTLP receiver. The class path is this test's own, so test apps live beside
 * the tests. The app identifies as no workload unless its test says otherwise: it does not inherit
 * the identity of the machine the tests run on.
 */
public final class ForkedApp {

  private static final long TIMEOUT_SECONDS = 90;

  /**
   * What identifies a workload where the tests run (a CI pod's service account, cloud credentials
   * in the environment), which Custody would record: an app under test sees only what its test
   * gives it.
   */
  private static final List<String> WORKLOAD_IDENTITY_ENV =
      List.of(
          "SPIFFE_ENDPOINT_SOCKET",
          "AWS_ROLE_ARN",
          "AWS_WEB_IDENTITY_TOKEN_FILE",
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
          "GOOGLE_APPLICATION_CREDENTIALS",
          "AZURE_CLIENT_ID",
          "AZURE_TENANT_ID",
          "AZURE_FEDERATED_TOKEN_FILE",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PATH",
          "IDENTITY_ENDPOINT",
          "MSI_ENDPOINT");

  private final List<String> command = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, String> environment = new HashMap<>();
  private final List<String> args = new ArrayList<>();
  private String agentJar = System.getProperty("custody.agent.jar");
  private String faultAgentJar;
  private String javaHome = System.getProperty("java.home");

  /** What the application did: exit code and its output. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private ForkedApp() {}

  /**
   * An app with the Custody agent exporting OTLP/HTTP to {@code receiver}, with short export delays
   * and a span buffer folder of its own, under the profile {@code custody.it.profile} names (the
   * failsafe run {@code lean} sets it), else the default.
   */
  public static ForkedApp withCustody(OtlpReceiver receiver) {
    ForkedApp app = new ForkedApp();
    String profile = System.getProperty("custody.it.profile", "");
    if (!profile.isBlank()) {
      app.property("custody.profile", profile);
    }
    return app.property("otel.exporter.otlp.endpoint", receiver.endpoint())
        .property("otel.exporter.otlp.protocol", "http/protobuf")
        .property("otel.bsp.schedule.delay", "100")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .property("custody.workload.kubernetes.token_path", "/nonexistent/serviceaccount/token")
        .property("custody.buffer.dir", freshBufferDir())
        .env("CLOUDSDK_CONFIG", "/nonexistent/gcloud");
  }

  /** An app with no agent at all: a service without Custody. */
  public static ForkedApp withoutAgent() {
    ForkedApp app = new ForkedApp();
    app.agentJar = null;
    return app;
  }

  /** A span buffer of the app's own: no app sends what another test's app left on disk. */
  private static String freshBufferDir() {
    try {
      return Files.createTempDirectory("custody-buffer").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ForkedApp property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  public ForkedApp env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  /**
   * Gives the app the fault agent beside Custody's (before it: it must see Custody's classes as the
   * agent injects them): Custody's code fails wherever its caller would see it, and the app's
   * stderr ends with what it threw.
   */
  public ForkedApp withFaults() {
    faultAgentJar = System.getProperty("custody.fault-agent.jar");
    return this;
  }

  /**
   * Runs the app on another Java installation, e.g. for a framework that needs a newer Java than
   * the build's.
   */
  public ForkedApp javaHome(String path) {
    javaHome = path;
    return this;
  }

  public ForkedApp args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  /** Runs {@code mainClass} on this test's class path and waits for it to exit. */
  public Result runMain(Class<?> mainClass) throws IOException, InterruptedException {
    return startMain(mainClass).waitForExit();
  }

  /**
   * Runs {@code mainClass} with only the classes compiled beside it on the class path, none of this
   * test's dependencies (no framework), and waits for it to exit.
   */
  public Result runMainAlone(Class<?> mainClass) throws Exception {
    Path classes = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    command.addAll(List.of("-cp", classes.toString(), mainClass.getName()));
    return start().waitForExit();
  }

  /** Runs an executable jar and waits for it to exit. */
  public Result runJar(String jar) throws IOException, InterruptedException {
    command.addAll(List.of("-jar", jar));
    return start().waitForExit();
  }

  /**
   * Runs the executable jar of the {@code test-apps/<name>} module, which has exactly the class
   * path of one framework version, and waits for it to exit.
   */
  public Result runTestApp(String name) throws IOException, InterruptedException {
    return startTestApp(name).waitForExit();
  }

  /** Starts the executable jar of the {@code test-apps/<name>} module without waiting. */
  public Running startTestApp(String name) throws IOException {
    command.addAll(
        List.of(
            "-jar",
            Path.of(System.getProperty("custody.test-apps.dir"), name, "target", name + ".jar")
                .toString()));
    return start();
  }

  /**
   * Starts the Quarkus app of the {@code test-apps/<name>} module as Quarkus packages it (its
   * fast-jar, {@code target/quarkus-app/quarkus-run.jar}) without waiting.
   */
  public Running startQuarkusApp(String name) throws IOException {
    command.addAll(
        List.of(
            "-jar",
            Path.of(
                    System.getProperty("custody.test-apps.dir"),
                    name,
                    "target",
                    "quarkus-app",
                    "quarkus-run.jar")
                .toString()));
    return start();
  }

  /** Starts {@code mainClass} on this test's class path without waiting. */
  public Running startMain(Class<?> mainClass) throws IOException {
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    return start();
  }

  private Running start() throws IOException {
    List<String> full = new ArrayList<>();
    full.add(Path.of(javaHome, "bin", "java").toString());
    full.add("-XX:TieredStopAtLevel=1");
    if (faultAgentJar != null) {
      full.add("-javaagent:" + faultAgentJar);
    }
    if (agentJar != null) {
      full.add("-javaagent:" + agentJar);
    }
    properties.forEach((key, value) -> full.add("-D" + key + "=" + value));
    full.addAll(command);
    full.addAll(args);

    Path stdout = Files.createTempFile("app-out", ".txt");
    Path stderr = Files.createTempFile("app-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(full).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeAll(WORKLOAD_IDENTITY_ENV);
    builder.environment().putAll(environment);
    return new Running(builder.start(), stdout, stderr);
  }

  /** A started application. */
  public static final class Running {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    Running(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /**
     * The rest of the first output line that starts with {@code prefix}, waiting for it to be
     * printed.
     */
    public String awaitLine(String prefix) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (System.nanoTime() < deadline) {
        Optional<String> line =
            Files.readAllLines(stdout).stream().filter(l -> l.startsWith(prefix)).findFirst();
        if (line.isPresent()) {
          return line.get().substring(prefix.length());
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
      throw new AssertionError(
          "the app never printed " + prefix + ":\n" + Files.readString(stderr));
    }

    /**
     * Stops the app as a service manager would (SIGTERM, so the agent flushes on shutdown) and
     * waits for it.
     */
    public Result stop() throws IOException, InterruptedException {
      process.destroy();
      return waitForExit();
    }

    /** Kills the app as the OOM killer would (SIGKILL: no shutdown hook runs) and waits for it. */
    public Result kill() throws IOException, InterruptedException {
      process.destroyForcibly();
      return waitForExit();
    }

    public Result waitForExit() throws IOException, InterruptedException {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "app did not exit within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(stderr));
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(stdout, StandardCharsets.UTF_8),
              Files.readString(stderr, StandardCharsets.UTF_8));
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
      return result;
    }
  }
}
