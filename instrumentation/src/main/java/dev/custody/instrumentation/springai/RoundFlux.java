package dev.custody.instrumentation.springai;

import dev.custody.instrumentation.reactor.RecordingFlux;
import io.opentelemetry.context.Context;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * A streamed model answer: each subscription is a round, whose answer is the chunks streamed until
 * it ends (at the stream's last signal, or, in a 1.x tool loop, when the tool-calling manager takes
 * the answer first). The round's context is current while the stream is set up, so the model's HTTP
 * call is its child.
 */
final class RoundFlux extends RecordingFlux<ChatResponse, ModelRound> {

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
  protected ModelRound start() {
    return ModelRound.start(model, prompt, previous);
  }

  @Override
  protected Context context(ModelRound round) {
    return round.context();
  }

  @Override
  protected void next(ModelRound round, ChatResponse chunk) {
    round.addStreamed(chunk);
  }

  @Override
  protected void end(ModelRound round, Throwable error) {
    round.endStreamed(error);
  }
}
