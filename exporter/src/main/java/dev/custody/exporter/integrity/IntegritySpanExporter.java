package dev.custody.exporter.integrity;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Between the scrubber and one exporter: records the digest of each span as it is exported (what is
 * exported is what is signed) and sends the checkpoints due with the spans. At shutdown, after the
 * batch processor's last flush, it sends the stream's last checkpoint.
 */
public final class IntegritySpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final EvidenceStream stream;

  public IntegritySpanExporter(SpanExporter delegate, EvidenceStream stream) {
    this.delegate = delegate;
    this.stream = stream;
    stream.register(this);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    Collection<SpanData> out = spans;
    try {
      out = stream.export(this, spans);
    } catch (Throwable ours) {
      // The spans go out without their checkpoint; the next one will say they were never exported.
    }
    return delegate.export(out);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    try {
      List<SpanData> last = stream.close(this);
      if (!last.isEmpty()) {
        // Bounded: with the collector down, shutdown must not wait out another export timeout.
        delegate.export(last).join(2, TimeUnit.SECONDS);
      }
    } catch (Throwable ours) {
      // The exporter still shuts down; the stream's tail stays unverified.
    }
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "IntegritySpanExporter{" + delegate + "}";
  }
}
