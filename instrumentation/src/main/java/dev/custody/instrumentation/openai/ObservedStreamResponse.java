package dev.custody.instrumentation.openai;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed answer passed on unchanged, each chunk shown to an observer on its way, and its end
 * announced once: when it is read to the end or closed, whichever comes first.
 */
final class ObservedStreamResponse implements StreamResponse<ChatCompletionChunk> {

  private final StreamResponse<ChatCompletionChunk> delegate;
  private final Consumer<ChatCompletionChunk> onChunk;
  private final Runnable onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();

  ObservedStreamResponse(
      StreamResponse<ChatCompletionChunk> delegate,
      Consumer<ChatCompletionChunk> onChunk,
      Runnable onEnd) {
    this.delegate = delegate;
    this.onChunk = onChunk;
    this.onEnd = onEnd;
  }

  @Override
  public Stream<ChatCompletionChunk> stream() {
    Stream<ChatCompletionChunk> source = delegate.stream();
    try {
      return StreamSupport.stream(new Observing(source.spliterator()), false)
          .onClose(source::close);
    } catch (Throwable ours) {
      return source;
    }
  }

  @Override
  public void close() {
    delegate.close();
    end();
  }

  private void end() {
    try {
      if (ended.compareAndSet(false, true)) {
        onEnd.run();
      }
    } catch (Throwable ours) {
      // The application's stream ends as it would without us.
    }
  }

  private void observe(ChatCompletionChunk chunk) {
    try {
      onChunk.accept(chunk);
    } catch (Throwable ours) {
      // The application gets the chunk as it would without us.
    }
  }

  /** Sequential only, so that the last chunk is known. */
  private final class Observing implements Spliterator<ChatCompletionChunk> {

    private final Spliterator<ChatCompletionChunk> source;

    Observing(Spliterator<ChatCompletionChunk> source) {
      this.source = source;
    }

    @Override
    public boolean tryAdvance(Consumer<? super ChatCompletionChunk> action) {
      boolean advanced =
          source.tryAdvance(
              chunk -> {
                observe(chunk);
                action.accept(chunk);
              });
      if (!advanced) {
        end();
      }
      return advanced;
    }

    @Override
    public Spliterator<ChatCompletionChunk> trySplit() {
      return null;
    }

    @Override
    public long estimateSize() {
      return source.estimateSize();
    }

    @Override
    public int characteristics() {
      return source.characteristics() & ~(SIZED | SUBSIZED);
    }
  }
}
