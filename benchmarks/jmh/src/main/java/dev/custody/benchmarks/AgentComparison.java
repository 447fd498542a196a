package dev.custody.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs each benchmark three times in one go: no agent, the stock OpenTelemetry agent, Custody; then
 * prints the figures and what Custody adds over the stock agent. Both agents export nothing ({@code
 * otel.*.exporter=none}) so only the cost on the application's thread is measured; exporting
 * happens on the agent's own thread.
 *
 * <p>Usage: {@code java -jar benchmarks/jmh/target/benchmarks.jar [benchmark regex]} (without one,
 * every benchmark but {@link ScrubberBenchmark}, whose dozens of inputs run with JMH's own runner);
 * system properties {@code stock.agent} and {@code custody.agent} point at the two agent jars
 * (defaults: the local Maven repository and {@code agent/target/custody-agent.jar}), {@code
 * jmh.forks}/{@code jmh.iterations} shorten or lengthen the run.
 */
public final class AgentComparison {

  /**
   * Benchmarks of Custody's code alone, in the benchmark's JVM, which an agent does not change: run
   * only by name.
   */
  private static final String IN_PROCESS_ONLY = "ScrubberBenchmark";

  private static final String[] NO_EXPORT = {
    "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"
  };

  private AgentComparison() {}

  public static void main(String[] args) throws RunnerException {
    boolean every = args.length == 0;
    String include = every ? ".*Benchmark.*" : args[0];
    Map<String, Supplier<String[]>> variants = new LinkedHashMap<>();
    variants.put("no agent", () -> new String[0]);
    variants.put(
        "stock agent", () -> withAgent(System.getProperty("stock.agent", defaultStockAgent())));
    variants.put(
        "custody",
        () -> withAgent(System.getProperty("custody.agent", "agent/target/custody-agent.jar")));

    String only = System.getProperty("jmh.variants");
    if (only != null) {
      variants.keySet().retainAll(List.of(only.split(",")));
    }
    Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<String[]>> variant : variants.entrySet()) {
      ChainedOptionsBuilder options = options(include, variant.getValue().get());
      if (every) {
        options.exclude(IN_PROCESS_ONLY);
      }
      for (RunResult result : new Runner(options.build()).run()) {
        String benchmark = result.getParams().getBenchmark();
        double score = result.getPrimaryResult().getScore();
        double error = result.getPrimaryResult().getScoreError();
        scores
            .computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
            .put(variant.getKey(), new double[] {score, error});
      }
    }
    if (variants.size() == 3) {
      print(scores);
    }
  }

  private static ChainedOptionsBuilder options(String include, String[] jvmArgs) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .forks(Integer.getInteger("jmh.forks", 2))
            .warmupIterations(Integer.getInteger("jmh.iterations", 5))
            .measurementIterations(Integer.getInteger("jmh.iterations", 5))
            .jvmArgsAppend(jvmArgs);
    String profiler = System.getProperty("jmh.profiler");
    if (profiler == null) {
      return options;
    }
    String[] nameAndParameters = profiler.split(":", 2);
    return options.addProfiler(
        nameAndParameters[0], nameAndParameters.length > 1 ? nameAndParameters[1] : "");
  }

  private static String[] withAgent(String jar) {
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalArgumentException(
          "agent jar not found: " + jar + " (build with mvn -B -q package -DskipTests)");
    }
    List<String> args = new ArrayList<>(List.of("-javaagent:" + jar));
    args.addAll(List.of(NO_EXPORT));
    return args.toArray(new String[0]);
  }

  private static String defaultStockAgent() {
    return Path.of(
            System.getProperty("user.home"),
            ".m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/2.31.1/opentelemetry-javaagent-2.31.1.jar")
        .toString();
  }

  private static void print(Map<String, Map<String, double[]>> scores) {
    System.out.println();
    System.out.printf(
        "%-40s %14s %14s %14s %16s %10s%n",
        "benchmark (time/op)", "no agent", "stock agent", "custody", "custody - stock", "ratio");
    scores.forEach(
        (benchmark, byVariant) -> {
          double none = byVariant.get("no agent")[0];
          double stock = byVariant.get("stock agent")[0];
          double custody = byVariant.get("custody")[0];
          System.out.printf(
              "%-40s %8.3f ±%4.2f %8.3f ±%4.2f %8.3f ±%4.2f %16.3f %9.2fx%n",
              benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
              none,
              byVariant.get("no agent")[1],
              stock,
              byVariant.get("stock agent")[1],
              custody,
              byVariant.get("custody")[1],
              custody - stock,
              custody / stock);
        });
  }
}
