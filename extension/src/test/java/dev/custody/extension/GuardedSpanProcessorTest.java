package dev.custody.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class GuardedSpanProcessorTest {

  /** Fails as a span processor of ours might: with an Error, where the SDK lets it through. */
  private static final class Failing implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      throw new LinkageError("onStart");
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      throw new LinkageError("onEnd");
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  @Test
  void unguardedTheFailureReachesWhoeverStartsTheSpan() {
    try (SdkTracerProvider tracers =
        SdkTracerProvider.builder().addSpanProcessor(new Failing()).build()) {
      assertThatThrownBy(() -> tracers.get("test").spanBuilder("request").startSpan())
          .isInstanceOf(LinkageError.class);
    }
  }

  @Test
  void theSpanStartsAndEndsAsWithoutUsWhenOurProcessorFails() {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    try (SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .addSpanProcessor(new GuardedSpanProcessor(new Failing()))
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build()) {
      Span span = tracers.get("test").spanBuilder("request").startSpan();
      span.end();
      assertThat(exported.getFinishedSpanItems()).extracting("name").containsExactly("request");
    }
  }
}
