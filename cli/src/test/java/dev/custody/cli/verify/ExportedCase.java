package dev.custody.cli.verify;

import dev.custody.cli.SignedFileExport;
import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.DroppedEvidence;
import dev.custody.exporter.integrity.EvidenceStream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process exported by the real pipeline to {@code custody-file}: a case with a model turn and a
 * denied tool call, then a health check.
 */
final class ExportedCase {

  static final String PRIVATE_KEY =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIJTLEFB7Xf3pQBVbGTPrHBwzoJI4yDyY1UDX2/dhMnzg
      -----END PRIVATE KEY-----
      """;

  static final String PUBLIC_KEY =
      """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAZhFtIbGW1bU1FP1KGN+iuFHtQNpcEme+WIBc0gFmTlk=
      -----END PUBLIC KEY-----
      """;

  private ExportedCase() {}

  /** Exports the process; returns its stream id. */
  static String export(Path file, CheckpointKey key) throws Exception {
    return export(file, key, streamId -> new DroppedEvidence());
  }

  /**
   * Exports the process, whose last checkpoint names what {@code dropped} gives for its stream id
   * as the durable buffer's loss.
   */
  static String export(
      Path file, CheckpointKey key, java.util.function.Function<String, DroppedEvidence> dropped)
      throws Exception {
    String streamId = java.util.UUID.randomUUID().toString().replace("-", "");
    EvidenceStream stream = SignedFileExport.stream(streamId, key);
    SdkTracerProvider tracing = SignedFileExport.tracing(file, stream);
    Tracer tracer = tracing.get("custody-langchain4j", "0.1.0");
    Span root =
        tracer
            .spanBuilder("invoke_agent OrdersAssistant")
            .setAttribute("custody.case.id", "6f1c0e9ad2b84d0f9a51c3e27b8d4410")
            .startSpan();
    try (Scope ignored = root.makeCurrent()) {
      Span turn = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT).startSpan();
      turn.setAttribute("custody.case.id", "6f1c0e9ad2b84d0f9a51c3e27b8d4410");
      turn.setAttribute(AttributeKey.longKey("gen_ai.usage.input_tokens"), 412L);
      turn.setAttribute(AttributeKey.doubleKey("gen_ai.request.temperature"), 1.0);
      turn.setAttribute(
          AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"));
      turn.setAttribute(
          AttributeKey.doubleArrayKey("gen_ai.request.stop_weights"), List.of(1.0, 2.0));
      turn.end();
      Span tool =
          tracer
              .spanBuilder("execute_tool refundOrder")
              .addLink(turn.getSpanContext())
              .setAttribute("custody.case.id", "6f1c0e9ad2b84d0f9a51c3e27b8d4410")
              .setAttribute("gen_ai.tool.call.arguments", "{\"order\":\"A-1\",\"amount\":20}")
              .startSpan();
      tool.addEvent(
          "custody.policy.decision",
          Attributes.of(
              AttributeKey.stringKey("decision"), "deny", AttributeKey.doubleKey("score"), 1.0));
      tool.setStatus(StatusCode.ERROR, "policy_denied");
      tool.end();
    }
    root.end();
    // 1.2 µs from 0.9 µs into a microsecond: its rounded-down times are 2 µs apart
    long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) + 900;
    tracer
        .spanBuilder("GET /health")
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .startSpan()
        .end(start + 1200, TimeUnit.NANOSECONDS);
    stream.dropped(dropped.apply(streamId));
    tracing.shutdown().join(10, TimeUnit.SECONDS);
    return streamId;
  }
}
