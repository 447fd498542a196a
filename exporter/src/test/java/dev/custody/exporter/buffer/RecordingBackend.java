package dev.custody.exporter.buffer;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A network exporter stand-in: refuses while told to, then keeps every span it is sent. */
final class RecordingBackend implements SpanExporter {

  final AtomicInteger refusalsLeft = new AtomicInteger();
  volatile boolean down;

  /** The HTTP status of each refusal: 0 for no answer (connection refused). */
  volatile int refusalStatus;

  private final List<SpanData> received = new ArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    attempts.incrementAndGet();
    if (down || refusalsLeft.getAndDecrement() > 0) {
      return refusalStatus == 0
          ? CompletableResultCode.ofFailure()
          : CompletableResultCode.ofExceptionalFailure(
              FailedExportException.httpFailedWithResponse(answer(refusalStatus)));
    }
    synchronized (received) {
      received.addAll(spans);
    }
    return CompletableResultCode.ofSuccess();
  }

  private static HttpResponse answer(int status) {
    return new HttpResponse() {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      public String getStatusMessage() {
        return "";
      }

      @Override
      public byte[] getResponseBody() {
        return "{\"rejectedSpans\":3,\"errorMessage\":\"span name too long\"}"
            .getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  List<SpanData> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  List<String> receivedSpanIds() {
    return received().stream().map(SpanData::getSpanId).toList();
  }

  int attempts() {
    return attempts.get();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "RecordingBackend";
  }
}
