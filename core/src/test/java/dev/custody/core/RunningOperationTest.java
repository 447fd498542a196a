package dev.custody.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RunningOperationTest {

  private static final ContextKey<String> SPAN = ContextKey.named("span");
  private static final ContextKey<String> NESTED = ContextKey.named("nested");

  /** Records what it started and ended; suppresses requests named "suppressed". */
  private static final class RecordingSpans implements OperationSpans<String, String> {
    final List<String> ended = new ArrayList<>();

    @Override
    public Context start(Context parent, String request) {
      return request.equals("suppressed") ? null : parent.with(SPAN, request);
    }

    @Override
    public void end(Context context, String request, String result, Throwable error) {
      ended.add(context.get(SPAN) + " -> " + (error != null ? error.getMessage() : result));
    }
  }

  private final RecordingSpans spans = new RecordingSpans();

  @Test
  void itsSpanIsCurrentUntilTheCallReturnsAndEndsWithWhatItReturned() {
    RunningOperation<String, String> fetch =
        RunningOperation.start(
            spans, Context.root(), "fetch", context -> context.with(NESTED, "vault call"));

    assertThat(Context.current().get(SPAN)).isEqualTo("fetch");
    assertThat(Context.current().get(NESTED)).as("what nested calls find").isEqualTo("vault call");

    fetch.returned("secret/orders", null);

    assertThat(Context.current().get(SPAN)).isNull();
    assertThat(spans.ended).containsExactly("fetch -> secret/orders");
  }

  @Test
  void onlyTheFirstEndCounts() {
    RunningOperation<String, String> decision = RunningOperation.start(spans, "decision");
    decision.leave();

    decision.end("allow", null);
    decision.end(null, new IllegalStateException("late failure"));
    decision.endWith(context -> spans.ended.add("ended again"));

    assertThat(decision.ended()).isTrue();
    assertThat(spans.ended).containsExactly("decision -> allow");
  }

  @Test
  void anotherThreadEndsItWithoutTouchingTheStartingThreadsContext() throws InterruptedException {
    RunningOperation<String, String> fetch = RunningOperation.start(spans, "async fetch");

    Thread other = new Thread(() -> fetch.returned("token", null));
    other.start();
    other.join();

    assertThat(Context.current().get(SPAN))
        .as("still current where it started")
        .isEqualTo("async fetch");
    fetch.leave();
    assertThat(Context.current().get(SPAN)).isNull();
    assertThat(spans.ended).containsExactly("async fetch -> token");
  }

  @Test
  void aSuppressedOperationIsNone() {
    assertThat(
            RunningOperation.start(spans, Context.root(), "suppressed", UnaryOperator.identity()))
        .isNull();
    assertThat(Context.current()).isEqualTo(Context.root());
  }
}
