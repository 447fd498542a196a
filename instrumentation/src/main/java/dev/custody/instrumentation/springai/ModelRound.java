package dev.custody.instrumentation.springai;

import static dev.custody.core.CustodyAttributes.GEN_AI_PROVIDER_NAME;

import dev.custody.core.genai.ModelCalls;
import dev.custody.core.genai.ModelRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * One model round: its {@code chat} span, ended once, by whichever of its possible ends comes
 * first.
 */
public final class ModelRound {

  private static final ContextKey<ModelRound> KEY =
      ContextKey.named("custody-spring-ai-model-round");
  private static final ModelCalls MODEL_CALLS =
      new ModelCalls(SpringAiInstrumentationModule.INSTRUMENTATION_NAME);

  private final ModelRequest request;
  private final Context parent;
  private final Usage earlierUsage;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final ModelAnswer streamed = new ModelAnswer();
  private Context context;
  private Scope scope;

  private ModelRound(ModelRequest request, Context parent, Usage earlierUsage) {
    this.request = request;
    this.parent = parent;
    this.earlierUsage = earlierUsage;
  }

  /**
   * Starts a round in the current context, unless one is open there (then null).
   *
   * @param previous in 1.x, the previous round's answer within the same model call, whose usage the
   *     answers of this round include (Spring AI reports running totals there)
   */
  static ModelRound start(ChatModel model, Prompt prompt, ChatResponse previous) {
    Context current = Context.current();
    ModelRound open = openIn(current);
    if (open != null) {
      // a wrapper (Embabel's InstrumentedChatModel) opened the round: the model it delegates to
      // names the provider
      Span.fromContext(open.context)
          .setAttribute(GEN_AI_PROVIDER_NAME, PromptRequests.provider(model));
      return null;
    }
    ModelRound round =
        new ModelRound(
            PromptRequests.request(model, prompt),
            parentOutsideRound(current),
            previous == null || previous.getMetadata() == null
                ? null
                : previous.getMetadata().getUsage());
    Context started = MODEL_CALLS.start(round.parent, round.request);
    if (started == null) {
      return null;
    }
    round.context = started.with(KEY, round);
    return round;
  }

  /** The round of this context, if it has not ended. */
  static ModelRound openIn(Context context) {
    ModelRound round = context.get(KEY);
    return round == null || round.ended.get() ? null : round;
  }

  static Context parentOutsideRound(Context context) {
    ModelRound round = context.get(KEY);
    return round == null ? context : round.parent;
  }

  Context context() {
    return context;
  }

  void makeCurrent() {
    scope = context.makeCurrent();
  }

  void closeScope() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }

  /** Adds the next chunk of a streamed answer, while the round is open. */
  void addStreamed(ChatResponse chunk) {
    if (!ended.get()) {
      streamed.add(chunk);
    }
  }

  /** Ends a streamed round with the chunks it streamed, unless it has ended already. */
  void endStreamed(Throwable error) {
    end(streamed, error);
  }

  /** Ends the round with this answer, unless it has ended already. */
  void end(ModelAnswer answer, Throwable error) {
    if (ended.compareAndSet(false, true)) {
      MODEL_CALLS.end(context, request, answer.toResponse(earlierUsage), error);
    }
  }
}
