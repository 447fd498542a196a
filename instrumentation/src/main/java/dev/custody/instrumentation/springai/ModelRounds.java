package dev.custody.instrumentation.springai;

import io.opentelemetry.context.Context;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * Model rounds: a {@code chat} span per request to the model and its answer. In 1.x one {@code
 * ChatModel.call} runs the whole tool loop, recursing into {@code internalCall} for each round; a
 * round there ends when the tool-calling manager is handed its answer. In 2.x one call is one
 * round. Nested calls within a round (a model delegating to another, {@code call} to {@code
 * internalCall}) are part of it.
 */
public final class ModelRounds {

  private ModelRounds() {}

  /** Starts a round, made current, unless one is already open here; null then. */
  public static ModelRound startCall(ChatModel model, Prompt prompt, ChatResponse previous) {
    ModelRound round = ModelRound.start(model, prompt, previous);
    if (round != null) {
      round.makeCurrent();
    }
    return round;
  }

  /**
   * Ends a round with the call's answer, unless the tool-calling manager already ended it with its
   * own.
   */
  public static void endCall(ModelRound round, ChatResponse response, Throwable error) {
    round.closeScope();
    round.end(ModelAnswer.of(response), error);
  }

  /** Wraps a streamed answer so that each subscription is one round. */
  @SuppressWarnings("unchecked")
  public static Object streamed(
      ChatModel model, Prompt prompt, ChatResponse previous, Object stream) {
    return stream instanceof Flux<?> flux
        ? new RoundFlux((Flux<ChatResponse>) flux, model, prompt, previous)
        : stream;
  }

  /**
   * The tool-calling manager runs the tools a round asked for: the round in this context, if open,
   * ends here.
   */
  static void toolsRequested(ChatResponse response) {
    ModelRound round = ModelRound.openIn(Context.current());
    if (round != null) {
      round.end(ModelAnswer.of(response), null);
    }
  }

  /**
   * The parent for a span starting now: the current context, or, when that is a round's (1.x keeps
   * it current through its tool loop), the round's parent. A round never parents tool calls or
   * later rounds.
   */
  static Context parentOutsideRound() {
    return ModelRound.parentOutsideRound(Context.current());
  }
}
