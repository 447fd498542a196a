package dev.custody.instrumentation.koog;

import ai.koog.agents.core.agent.context.AIAgentContext;
import ai.koog.prompt.Prompt;
import ai.koog.prompt.llm.LLModel;
import ai.koog.prompt.message.Message;
import dev.custody.core.AgentInternals;
import dev.custody.core.genai.ModelCalls;
import dev.custody.core.genai.ModelRequest;
import io.opentelemetry.context.Context;

/**
 * Model turns of Koog agents: a {@code chat {model}} span from the LLM call Koog's pipeline
 * announces (a strategy node asking the model) until its answer or failure, a child of the agent
 * run and current while Koog's prompt executor runs, so the HTTP call is inside it. Koog calls the
 * model through its own clients, which nothing else traces as a model call.
 */
public final class KoogModelTurns {

  private static final ModelCalls MODEL_CALLS = new ModelCalls(KoogRuns.INSTRUMENTATION_NAME);

  /** Turns by the id of Koog's event, which it holds until the turn ends. */
  private static final AgentInternals.Cache<String, Turn> TURNS = AgentInternals.weakCache();

  private KoogModelTurns() {}

  private record Turn(KoogRun run, Context context, ModelRequest request) {}

  public static void starting(
      String eventId, AIAgentContext context, Prompt prompt, LLModel model) {
    KoogRun run = KoogRuns.of(context);
    if (eventId == null || run == null || TURNS.get(eventId) != null) {
      return;
    }
    ModelRequest request = KoogMessages.request(prompt, model);
    Context started = MODEL_CALLS.start(run.context(), request);
    if (started == null) {
      return;
    }
    TURNS.put(eventId, new Turn(run, started, request));
    run.started(started);
    SuspendWindows.makeCurrent(started);
  }

  /** The turn of {@code eventId} answered ({@code error} null) or failed. */
  public static void ended(String eventId, Message.Assistant response, Throwable error) {
    Turn turn = eventId == null ? null : TURNS.get(eventId);
    if (turn == null) {
      return;
    }
    TURNS.remove(eventId);
    turn.run().ended(turn.context());
    MODEL_CALLS.end(
        turn.context(),
        turn.request(),
        response == null ? null : KoogMessages.response(response),
        error);
  }
}
