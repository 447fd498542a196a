package dev.custody.exporter;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the SDK side (the exporter and the extension, in the agent's class loader) takes from
 * the SDK bundled in the agent that the SDK does not promise to keep: its {@code internal}
 * packages. The only class of those modules that may reach them; {@code AgentInternalsTest} (in
 * {@code agent}) checks each one against the bundled agent and names what to change when an upgrade
 * removes it. The instrumentations' counterpart is the core's {@code AgentInternals}.
 */
public final class SdkInternals {

  private SdkInternals() {}

  /**
   * Writes {@code spans} as one OTLP JSON {@code ExportTraceServiceRequest}. Upstream's {@code
   * TraceRequestMarshaler}: the SDK's public OTLP JSON exporters write to a logger, not a stream.
   */
  public static void writeOtlpJson(Collection<SpanData> spans, OutputStream out)
      throws IOException {
    TraceRequestMarshaler.create(spans).writeJsonTo(out);
  }

  /**
   * A long point with its exemplars. Upstream's {@code ImmutableLongPointData}: the public {@code
   * LongPointData.create} takes none.
   */
  public static LongPointData longPoint(
      long startEpochNanos,
      long epochNanos,
      Attributes attributes,
      long value,
      List<LongExemplarData> exemplars) {
    return ImmutableLongPointData.create(startEpochNanos, epochNanos, attributes, value, exemplars);
  }

  /**
   * A histogram point with its exemplars. Upstream's {@code ImmutableHistogramPointData}: the
   * public {@code HistogramPointData.create} takes none.
   */
  public static HistogramPointData histogramPoint(
      long startEpochNanos,
      long epochNanos,
      Attributes attributes,
      double sum,
      boolean hasMin,
      double min,
      boolean hasMax,
      double max,
      List<Double> boundaries,
      List<Long> counts,
      List<DoubleExemplarData> exemplars) {
    return ImmutableHistogramPointData.create(
        startEpochNanos,
        epochNanos,
        attributes,
        sum,
        hasMin,
        min,
        hasMax,
        max,
        boundaries,
        counts,
        exemplars);
  }

  /**
   * A span processor that hands each span to {@code ending} as it ends, while it still takes
   * attributes; what {@code ending} throws stays here. Upstream's {@code
   * ExtendedSpanProcessor.onEnding}: the public {@code SpanProcessor} sees a span only once it can
   * no longer change.
   */
  public static SpanProcessor onEnding(Consumer<ReadWriteSpan> ending) {
    return new OnEnding(ending);
  }

  private static final class OnEnding implements ExtendedSpanProcessor {
    private final Consumer<ReadWriteSpan> ending;

    OnEnding(Consumer<ReadWriteSpan> ending) {
      this.ending = ending;
    }

    @Override
    public void onEnding(ReadWriteSpan span) {
      try {
        ending.accept(span);
      } catch (Throwable ours) {
        // The SDK lets it through to whoever ends the span: the span ends as it would without us.
      }
    }

    @Override
    public boolean isOnEndingRequired() {
      return true;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }

  /**
   * Why a backend will never take a batch it refused (HTTP 400, gRPC INVALID_ARGUMENT: malformed,
   * so a retry gets the same answer), or null when a retry may succeed. Upstream's {@code
   * FailedExportException}: the OTLP exporters report the answer only through it.
   */
  public static String rejectedForGood(Throwable failure) {
    if (failure instanceof FailedExportException.HttpExportException http
        && http.failedWithResponse()
        && http.getResponse().getStatusCode() == 400) {
      byte[] body = http.getResponse().getResponseBody();
      return "HTTP 400 " + shortened(body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }
    if (failure instanceof FailedExportException.GrpcExportException grpc
        && grpc.failedWithResponse()
        && grpc.getResponse().getStatusCode() == GrpcStatusCode.INVALID_ARGUMENT) {
      return "gRPC INVALID_ARGUMENT " + shortened(grpc.getResponse().getStatusDescription());
    }
    return null;
  }

  private static String shortened(String reason) {
    if (reason == null) {
      return "";
    }
    String printable = reason.replaceAll("\\p{Cntrl}", " ").strip();
    return printable.length() <= 300 ? printable : printable.substring(0, 300) + "...";
  }
}
