package dev.custody.instrumentation.reactor;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;

/**
 * A stream with a record per subscription: the record starts when the stream is subscribed to, its
 * context is current while the stream is set up (Reactor carries it on from there, never past
 * {@code subscribe}), it sees each element, and it ends once, with the last signal or a
 * cancellation. This runs outside any advice, so nothing of ours may throw into the application's
 * stream.
 */
public abstract class RecordingFlux<T, R> extends FluxOperator<T, T> {

  protected RecordingFlux(Flux<? extends T> source) {
    super(source);
  }

  /**
   * Starts the record of a subscription; null for none, and the stream passes through untouched.
   */
  protected abstract R start();

  protected abstract Context context(R record);

  protected void next(R record, T element) {}

  protected abstract void end(R record, Throwable error);

  @Override
  public final void subscribe(CoreSubscriber<? super T> actual) {
    R record;
    try {
      record = start();
    } catch (Throwable t) {
      record = null;
    }
    if (record == null) {
      source.subscribe(actual);
      return;
    }
    R started = record;
    AtomicBoolean ended = new AtomicBoolean();
    try (Scope ignored = context(started).makeCurrent()) {
      source
          .doOnEach(
              signal -> {
                if (signal.isOnNext()) {
                  quietly(() -> next(started, signal.get()));
                } else if (signal.isOnComplete() || signal.isOnError()) {
                  endOnce(started, ended, signal.getThrowable());
                }
              })
          .doOnCancel(() -> endOnce(started, ended, null))
          .subscribe(actual);
    }
  }

  private void endOnce(R record, AtomicBoolean ended, Throwable error) {
    if (ended.compareAndSet(false, true)) {
      quietly(() -> end(record, error));
    }
  }

  private static void quietly(Runnable step) {
    try {
      step.run();
    } catch (Throwable t) {
      // the stream goes on without its record
    }
  }
}
