package dev.custody.exporter.limits;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Reports as dropped only the attributes a span's count limit refused. The SDK counts a key set
 * twice as dropped too (opentelemetry-java#8832), and a stock instrumentation may set one twice
 * (HttpURLConnection's request method, once the output stream turned a GET into a POST): on an
 * audit record that reads as loss. A span holding fewer attributes than its limit never reached it,
 * so nothing of it was refused.
 */
public final class OverwritesNotDropped implements SpanExporter {

  private final SpanExporter delegate;
  private final int attributeCountLimit;

  /**
   * @param attributeCountLimit the spans' attribute count limit ({@code
   *     otel.span.attribute.count.limit})
   */
  public OverwritesNotDropped(SpanExporter delegate, int attributeCountLimit) {
    this.delegate = delegate;
    this.attributeCountLimit = attributeCountLimit;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return delegate.export(spans.stream().map(this::counted).toList());
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "OverwritesNotDropped{" + delegate + "}";
  }

  private SpanData counted(SpanData span) {
    int held = span.getAttributes().size();
    if (span.getTotalAttributeCount() == held || held >= attributeCountLimit) {
      return span;
    }
    return new DelegatingSpanData(span) {
      @Override
      public int getTotalAttributeCount() {
        return held;
      }
    };
  }
}
