package dev.custody.benchmarks;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A context made current and closed again, as every instrumented call does several times over: with
 * an agent the application's OpenTelemetry API is bridged to the agent's context storage. Custody
 * adds no span here, only what its context-storage wrapper costs on each attach.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContextAttachBenchmark {

  private static final ContextKey<String> KEY = ContextKey.named("benchmark");

  @Benchmark
  public String attachAndClose() {
    try (Scope scope = Context.current().with(KEY, "value").makeCurrent()) {
      return Context.current().get(KEY);
    }
  }
}
