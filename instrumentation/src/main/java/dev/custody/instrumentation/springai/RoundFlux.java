package dev.custody.instrumentation.springai;

import io.opentelemetry.context.Scope;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Signal;

/**
 * A streamed model answer: each subscription is a round, whose answer is the chunks streamed until it ends (at the
 * stream's last signal, or, in a 1.x tool loop, when the tool-calling manager takes the answer first). This runs
 * outside any advice, so nothing of ours may throw into the application's stream.
 */
final class RoundFlux extends FluxOperator<ChatResponse, ChatResponse> {

  private final ChatModel model;
  private final Prompt prompt;
  private final ChatResponse previous;

  RoundFlux(Flux<ChatResponse> source, ChatModel model, Prompt prompt, ChatResponse previous) {
    super(source);
    this.model = model;
    this.prompt = prompt;
    this.previous = previous;
  }

  @Override
  public void subscribe(CoreSubscriber<? super ChatResponse> actual) {
    ModelRound round = start();
    if (round == null) {
      source.subscribe(actual);
      return;
    }
    ModelAnswer answer = new ModelAnswer();
    // Current while the stream is set up, so the model's HTTP call is the round's child (Reactor carries it on)
    try (Scope ignored = round.context().makeCurrent()) {
      source
          .doOnEach(signal -> observe(round, answer, signal))
          .doOnCancel(() -> observe(round, answer, null))
          .subscribe(actual);
    }
  }

  private ModelRound start() {
    try {
      return ModelRound.start(model, prompt, previous);
    } catch (Throwable t) {
      return null;
    }
  }

  /** A chunk adds to the answer while the round is open; the last signal, or a cancellation (null), ends it. */
  private static void observe(ModelRound round, ModelAnswer answer, Signal<? extends ChatResponse> signal) {
    try {
      if (signal == null) {
        round.end(answer, null);
      } else if (signal.isOnNext() && !round.ended()) {
        answer.add(signal.get());
      } else if (signal.isOnComplete() || signal.isOnError()) {
        round.end(answer, signal.getThrowable());
      }
    } catch (Throwable t) {
      // the stream goes on without its record
    }
  }
}
