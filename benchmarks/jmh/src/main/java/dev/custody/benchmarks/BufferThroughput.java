package dev.custody.benchmarks;

import static dev.custody.core.CustodyAttributes.INTEGRITY_SEQ;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;

import com.sun.net.httpserver.HttpServer;
import dev.custody.exporter.buffer.BufferSettings;
import dev.custody.exporter.buffer.BufferedSpanExporter;
import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.EvidenceChain;
import dev.custody.exporter.integrity.EvidenceStream;
import dev.custody.exporter.integrity.IntegritySpanExporter;
import dev.custody.exporter.scrub.ScrubbingSpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spans per second through the exporter pipeline with the collector up, and what each span costs
 * the exporter's thread: the stock path (the batch processor's thread hands each batch to the
 * OTLP/HTTP exporter and waits for its answer) against Custody's (scrubbed, digested for the
 * evidence chain, written to the durable buffer, and sent by the buffer's own thread), both to the
 * same local OTLP/HTTP sink that answers at once. Not a JMH benchmark: the figure that matters is
 * the rate sustained until the last span was acknowledged. {@code java -cp
 * benchmarks/jmh/target/benchmarks.jar dev.custody.benchmarks.BufferThroughput [spans]
 * [http-calls|tool-calls]}: ordinary HTTP client spans, or tool calls with a 1 KB argument.
 */
public final class BufferThroughput {

  private static final int BATCH = 512;

  public static void main(String[] args) throws Exception {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    SpanData template =
        args.length > 1 && args[1].equals("tool-calls")
            ? IntegrityBenchmark.aToolCall()
            : anHttpCall();
    HttpServer sink =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.createContext(
        "/v1/traces",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    sink.start();
    String endpoint = "http://127.0.0.1:" + sink.getAddress().getPort() + "/v1/traces";
    try {
      for (int round = 0; round < 2; round++) { // the first round warms up
        report(round == 0, "stock", run(stock(endpoint), spans, template));
        report(round == 0, "buffer", run(custody(endpoint, false), spans, template));
        report(round == 0, "custody", run(custody(endpoint, true), spans, template));
      }
    } finally {
      sink.stop(0);
    }
  }

  /** What one pipeline did: the exporter thread's time and when the last span was acknowledged. */
  private record Run(int spans, long exporterThreadNanos, long wallNanos) {}

  private record Pipeline(
      SpanExporter head, Counting acknowledged, EvidenceChain chain, Path dir) {}

  private static Pipeline stock(String endpoint) {
    Counting otlp = new Counting(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build());
    return new Pipeline(otlp, otlp, null, null);
  }

  /** The buffer in front of the OTLP exporter; with {@code chain}, scrubbing and digests too. */
  private static Pipeline custody(String endpoint, boolean chain) throws Exception {
    Path dir = Files.createTempDirectory("custody-buffer-throughput");
    Counting otlp = new Counting(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build());
    SpanExporter buffered =
        BufferedSpanExporter.wrap(
            otlp,
            new BufferSettings(true, dir, 1L << 30, Duration.ofHours(1)),
            Duration.ofSeconds(30),
            dropped -> System.err.println("dropped: " + dropped.total()),
            line -> {},
            System.err::println);
    if (!chain) {
      return new Pipeline(buffered, otlp, null, dir);
    }
    EvidenceChain evidence =
        new EvidenceChain(
            "9b2f0c41d2e54c7a8e1f3a6b5c4d2e10",
            CheckpointKey.generate(),
            EvidenceChain.DEFAULT_GRACE_NANOS,
            System::nanoTime,
            () -> TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
    EvidenceStream stream =
        new EvidenceStream(evidence, TimeUnit.SECONDS.toNanos(5), System::nanoTime);
    SpanExporter head =
        new ScrubbingSpanExporter(new IntegritySpanExporter(buffered, stream), Map.of());
    return new Pipeline(head, otlp, evidence, dir);
  }

  private static Run run(Pipeline pipeline, int spans, SpanData template) throws Exception {
    long exporterThread = 0;
    long start = System.nanoTime();
    for (int sent = 0; sent < spans; sent += BATCH) {
      List<SpanData> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(numbered(template, pipeline.chain()));
      }
      long exportStart = System.nanoTime();
      CompletableResultCode result = pipeline.head().export(batch);
      result.join(30, TimeUnit.SECONDS); // the batch processor waits for each export
      exporterThread += System.nanoTime() - exportStart;
    }
    int total = (spans + BATCH - 1) / BATCH * BATCH;
    while (pipeline.acknowledged().spans.get() < total) {
      if (pipeline.dir() == null && pipeline.acknowledged().failed.get() > 0) {
        throw new IllegalStateException("the sink refused spans");
      }
      Thread.sleep(1);
    }
    long wall = System.nanoTime() - start;
    pipeline.head().shutdown().join(30, TimeUnit.SECONDS);
    if (pipeline.dir() != null) {
      try (var files = Files.walk(pipeline.dir())) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    return new Run(total, exporterThread, wall);
  }

  /** An HTTP client call inside a case, as most of a case's spans are: a dozen short attributes. */
  private static SpanData anHttpCall() {
    SpanData[] exported = new SpanData[1];
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new IntegrityBenchmark.Keep(exported)))
            .build();
    tracing
        .get("io.opentelemetry.java-http-client", "2.31.1-alpha")
        .spanBuilder("GET")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("custody.case.id", "6f1c0e9ad2b84d0f9a51c3e27b8d4410")
        .setAttribute("http.request.method", "GET")
        .setAttribute("url.full", "https://orders.internal.example.com/orders/A-17?expand=lines")
        .setAttribute("server.address", "orders.internal.example.com")
        .setAttribute(AttributeKey.longKey("server.port"), 443L)
        .setAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
        .setAttribute("network.protocol.version", "1.1")
        .setAttribute("custody.credential.used", "vault:database/creds/readonly")
        .setAttribute("thread.name", "pool-2-thread-1")
        .startSpan()
        .end();
    tracing.close();
    return exported[0];
  }

  /** The template with the next sequence number of the chain, as the span processor gives it. */
  private static SpanData numbered(SpanData template, EvidenceChain chain) {
    if (chain == null) {
      return template;
    }
    Attributes attributes =
        template.getAttributes().toBuilder()
            .put(INTEGRITY_STREAM, chain.stream())
            .put(INTEGRITY_SEQ, chain.issue())
            .build();
    return new DelegatingSpanData(template) {
      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public int getTotalAttributeCount() {
        return attributes.size();
      }
    };
  }

  private static void report(boolean warmUp, String pipeline, Run run) {
    System.out.printf(
        "%s%-8s %,9d spans: %,8.0f spans/s until the last was acknowledged; exporter thread %.2f µs/span%n",
        warmUp ? "(warm-up) " : "",
        pipeline,
        run.spans(),
        run.spans() / (run.wallNanos() / 1e9),
        run.exporterThreadNanos() / 1e3 / run.spans());
  }

  /** Counts the spans the real exporter reports acknowledged. */
  private static final class Counting implements SpanExporter {
    final SpanExporter delegate;
    final AtomicLong spans = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    Counting(SpanExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      CompletableResultCode result = delegate.export(batch);
      result.whenComplete(
          () -> {
            (result.isSuccess() ? spans : failed).addAndGet(batch.size());
          });
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }
}
