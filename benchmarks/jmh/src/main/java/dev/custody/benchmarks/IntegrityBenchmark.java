package dev.custody.benchmarks;

import dev.custody.exporter.integrity.CanonicalSpan;
import dev.custody.exporter.integrity.Checkpoint;
import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.EvidenceChain;
import dev.custody.exporter.integrity.SpanDigests;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the evidence chain costs on the exporter's thread (never the application's): the digests of
 * one span in both canonical forms, and one checkpoint of the largest size signed and chained. The
 * application's thread pays only the numbering (an increment and two attributes). An agent changes
 * nothing here: run it with JMH's own runner (see README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IntegrityBenchmark {

  private final SpanDigests digests = new SpanDigests();
  private SpanData toolCall;
  private CheckpointKey key;
  private Checkpoint largest;

  @Setup
  public void setUp() throws GeneralSecurityException {
    toolCall = aToolCall();
    key = CheckpointKey.generate();
    EvidenceChain chain = new EvidenceChain("5eed", key, 0, System::nanoTime, () -> 1L);
    byte[] digest = new byte[CanonicalSpan.DIGEST_BYTES];
    for (int i = 0; i < EvidenceChain.MAX_SPANS_PER_CHECKPOINT; i++) {
      chain.exported(chain.issue(), digest, digest, List.of());
    }
    largest = chain.checkpoints("interval").get(0).checkpoint();
  }

  /** A tool call as the SDK exports it: a dozen attributes, a 1 KB argument, a policy event. */
  static SpanData aToolCall() {
    SpanData[] exported = new SpanData[1];
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Keep(exported)))
            .build();
    Span span =
        tracing
            .get("custody-langchain4j", "0.1.0")
            .spanBuilder("execute_tool lookupOrder")
            .setAttribute("custody.case.id", "6f1c0e9ad2b84d0f9a51c3e27b8d4410")
            .setAttribute("gen_ai.operation.name", "execute_tool")
            .setAttribute("gen_ai.tool.name", "lookupOrder")
            .setAttribute("gen_ai.tool.call.id", "call_8f3a1c2d9b")
            .setAttribute("gen_ai.tool.call.arguments", "{\"order\":\"" + "A".repeat(1000) + "\"}")
            .setAttribute("gen_ai.tool.call.result", "shipped on 12 June")
            .setAttribute("custody.credential.used", "vault:database/creds/readonly")
            .setAttribute("custody.policy.decision", "allow")
            .setAttribute("custody.policy.id", "orders/read")
            .setAttribute("custody.integrity.stream", "9b2f0c41d2e54c7a8e1f3a6b5c4d2e10")
            .setAttribute(AttributeKey.longKey("custody.integrity.seq"), 1042L)
            .setAttribute(
                AttributeKey.stringArrayKey("custody.policy.ids"), java.util.List.of("a", "b"))
            .startSpan();
    span.addEvent(
        "custody.policy.decision", Attributes.of(AttributeKey.stringKey("decision"), "allow"));
    span.end();
    tracing.close();
    return exported[0];
  }

  @Benchmark
  public byte[][] digestOneSpan() {
    return digests.of(toolCall);
  }

  @Benchmark
  public Object signTheLargestCheckpoint() throws GeneralSecurityException {
    byte[] payload = largest.payload();
    return new Object[] {key.sign(payload), largest.hash()};
  }

  /** Keeps the first span of what it is given. */
  record Keep(SpanData[] into) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      into[0] = spans.iterator().next();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
