package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.CustodyAttributes;
import dev.custody.exporter.SdkInternals;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The processor numbers spans, two exporters get the same checkpoints, shutdown writes the last.
 */
class IntegrityPipelineTest {

  @Test
  void whenNoBatchFollowsTheCheckpointIsSentOnItsOwnWithinTheInterval() throws Exception {
    EvidenceChain chain =
        new EvidenceChain(
            "5eed",
            CheckpointKey.generate(),
            TimeUnit.SECONDS.toNanos(30),
            System::nanoTime,
            () -> 1L);
    EvidenceStream stream =
        new EvidenceStream(chain, TimeUnit.MILLISECONDS.toNanos(300), System::nanoTime);
    Received otlp = new Received();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SdkInternals.onEnding(stream::ending))
            .addSpanProcessor(SimpleSpanProcessor.create(new IntegritySpanExporter(otlp, stream)))
            .build();

    tracing.get("test").spanBuilder("GET /health").startSpan().end();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (otlp.spans.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertThat(names(otlp.spans)).containsExactly("GET /health", "custody.checkpoint");
    assertThat(otlp.spans.get(1).getAttributes().get(CustodyAttributes.CHECKPOINT_REASON))
        .isEqualTo("interval");
    assertThat(otlp.spans.get(1).getAttributes().get(CustodyAttributes.CHECKPOINT_LAST_SEQ))
        .isEqualTo(1L);
    tracing.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void everySpanIsNumberedAndEveryExporterGetsCheckpointsThatCoverWhatItExported()
      throws Exception {
    CheckpointKey key = CheckpointKey.generate();
    EvidenceChain chain =
        new EvidenceChain("5eed", key, TimeUnit.SECONDS.toNanos(30), System::nanoTime, () -> 1L);
    EvidenceStream stream = new EvidenceStream(chain, TimeUnit.HOURS.toNanos(1), System::nanoTime);
    Received otlp = new Received();
    Received file = new Received();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SdkInternals.onEnding(stream::ending))
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    SpanExporter.composite(
                        new IntegritySpanExporter(otlp, stream),
                        new IntegritySpanExporter(file, stream))))
            .build();
    Tracer tracer = tracing.get("test");

    Span root = tracer.spanBuilder("invoke_agent Desk").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      tracer.spanBuilder("execute_tool lookup").startSpan().end();
    }
    root.end();
    tracer.spanBuilder("GET /health").startSpan().end();
    tracing.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(names(otlp.spans))
        .containsExactly(
            "execute_tool lookup",
            "invoke_agent Desk",
            "custody.checkpoint",
            "GET /health",
            "custody.checkpoint");
    assertThat(names(file.spans)).isEqualTo(names(otlp.spans));
    List<SpanData> spans = otlp.spans;
    assertThat(spans.get(0).getAttributes().get(CustodyAttributes.INTEGRITY_SEQ)).isEqualTo(1L);
    assertThat(spans.get(3).getAttributes().get(CustodyAttributes.INTEGRITY_SEQ)).isEqualTo(3L);
    assertThat(spans.get(0).getAttributes().get(CustodyAttributes.INTEGRITY_STREAM))
        .isEqualTo("5eed");

    SpanData caseEnd = spans.get(2);
    SpanData last = spans.get(4);
    assertThat(caseEnd.getAttributes().get(CustodyAttributes.CHECKPOINT_REASON))
        .isEqualTo("case_end");
    assertThat(caseEnd.getAttributes().get(CustodyAttributes.CHECKPOINT_CORE))
        .isEqualTo(digests(spans.get(0), spans.get(1)));
    assertThat(caseEnd.getParentSpanContext().isValid()).isFalse();
    assertThat(caseEnd.getTraceId()).isNotEqualTo(spans.get(0).getTraceId());
    assertThat(last.getAttributes().get(CustodyAttributes.CHECKPOINT_REASON)).isEqualTo("shutdown");
    assertThat(last.getAttributes().get(CustodyAttributes.CHECKPOINT_FIRST_SEQ)).isEqualTo(3L);
    assertThat(last.getAttributes().get(CustodyAttributes.CHECKPOINT_PREVIOUS))
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(checkpointOf(caseEnd).payload())));
    assertThat(
            CheckpointKey.verifies(
                key.publicKey(),
                checkpointOf(last).payload(),
                Base64.getDecoder()
                    .decode(last.getAttributes().get(CustodyAttributes.CHECKPOINT_SIGNATURE))))
        .isTrue();
  }

  @Test
  void aBusyStreamIsCoveredAsItGoesAndNoCheckpointIsGivenUp() throws Exception {
    EvidenceStream stream = aStreamWithoutInterval();
    Received otlp = new Received();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SdkInternals.onEnding(stream::ending))
            .addSpanProcessor(
                BatchSpanProcessor.builder(new IntegritySpanExporter(otlp, stream))
                    .setMaxExportBatchSize(512)
                    .setMaxQueueSize(100_000)
                    .build())
            .build();
    int spans = 100 * EvidenceChain.MAX_SPANS_PER_CHECKPOINT;

    for (int i = 0; i < spans; i++) {
      tracing.get("test").spanBuilder("GET /health").startSpan().end();
    }
    tracing.forceFlush().join(30, TimeUnit.SECONDS);
    List<SpanData> beforeShutdown = List.copyOf(otlp.spans);
    tracing.shutdown().join(10, TimeUnit.SECONDS);

    List<Long> indexes =
        otlp.spans.stream()
            .filter(span -> span.getName().equals("custody.checkpoint"))
            .map(span -> span.getAttributes().get(CustodyAttributes.CHECKPOINT_INDEX))
            .toList();
    assertThat(indexes)
        .as("every checkpoint, in order")
        .isEqualTo(java.util.stream.LongStream.range(0, indexes.size()).boxed().toList());
    assertThat(names(beforeShutdown))
        .as("covered before the interval, not in one burst at its end")
        .filteredOn("custody.checkpoint"::equals)
        .hasSizeGreaterThanOrEqualTo(90);
  }

  @Test
  void whatStoringTheLastCheckpointDroppedIsNamedByOneMore() throws Exception {
    EvidenceStream stream = aStreamWithoutInterval();
    Received buffer =
        new Received() {
          @Override
          public CompletableResultCode export(Collection<SpanData> batch) {
            if (batch.stream().anyMatch(span -> span.getName().equals("custody.checkpoint"))
                && spans.stream().noneMatch(span -> span.getName().equals("custody.checkpoint"))) {
              // Room for the last checkpoint: the oldest span goes.
              DroppedEvidence oldest = new DroppedEvidence();
              oldest.add("GET /health", "5eed", 1L, null);
              stream.dropped(oldest);
            }
            return super.export(batch);
          }
        };
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SdkInternals.onEnding(stream::ending))
            .addSpanProcessor(SimpleSpanProcessor.create(new IntegritySpanExporter(buffer, stream)))
            .build();

    tracing.get("test").spanBuilder("GET /health").startSpan().end();
    tracing.shutdown().join(10, TimeUnit.SECONDS);

    List<SpanData> checkpoints =
        buffer.spans.stream().filter(span -> span.getName().equals("custody.checkpoint")).toList();
    assertThat(checkpoints).hasSize(2);
    assertThat(checkpoints.get(1).getAttributes().get(CustodyAttributes.CHECKPOINT_DROPPED))
        .isEqualTo("{\"5eed\":{\"spans\":\"1\"}}");
    assertThat(checkpoints.get(1).getAttributes().get(CustodyAttributes.CHECKPOINT_INDEX))
        .isEqualTo(1L);
  }

  /** Stream {@code 5eed}, whose interval never comes in a test. */
  private static EvidenceStream aStreamWithoutInterval() throws Exception {
    EvidenceChain chain =
        new EvidenceChain(
            "5eed",
            CheckpointKey.generate(),
            TimeUnit.SECONDS.toNanos(30),
            System::nanoTime,
            () -> 1L);
    return new EvidenceStream(chain, TimeUnit.HOURS.toNanos(1), System::nanoTime);
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }

  private static String digests(SpanData... spans) {
    byte[] all = new byte[0];
    for (SpanData span : spans) {
      byte[] digest = CanonicalSpan.digest(CanonicalSpan.core(SpanDataEvidence.of(span)));
      all = Arrays.copyOf(all, all.length + digest.length);
      System.arraycopy(digest, 0, all, all.length - digest.length, digest.length);
    }
    return Base64.getEncoder().encodeToString(all);
  }

  /** The checkpoint as a verifier reads it back from the span's attributes. */
  private static Checkpoint checkpointOf(SpanData span) {
    var a = span.getAttributes();
    return new Checkpoint(
        a.get(CustodyAttributes.INTEGRITY_STREAM),
        a.get(CustodyAttributes.CHECKPOINT_INDEX),
        a.get(CustodyAttributes.CHECKPOINT_FIRST_SEQ),
        a.get(CustodyAttributes.CHECKPOINT_LAST_SEQ),
        a.get(CustodyAttributes.CHECKPOINT_COUNT),
        a.get(CustodyAttributes.CHECKPOINT_CORE),
        a.get(CustodyAttributes.CHECKPOINT_FULL),
        a.get(CustodyAttributes.CHECKPOINT_CASES),
        a.get(CustodyAttributes.CHECKPOINT_DROPPED),
        a.get(CustodyAttributes.CHECKPOINT_PREVIOUS),
        a.get(CustodyAttributes.CHECKPOINT_TIME),
        a.get(CustodyAttributes.CHECKPOINT_REASON),
        a.get(CustodyAttributes.CHECKPOINT_KEY_ID),
        a.get(CustodyAttributes.CHECKPOINT_PUBLIC_KEY),
        a.get(CustodyAttributes.CHECKPOINT_KEY_SOURCE));
  }

  /** Keeps what it was sent after shutdown, as a backend does. */
  private static class Received implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>(); // the idle check adds too

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
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
