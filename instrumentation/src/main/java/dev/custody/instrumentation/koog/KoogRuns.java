package dev.custody.instrumentation.koog;

import ai.koog.agents.core.agent.AIAgent;
import ai.koog.agents.core.agent.context.AIAgentContext;
import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import kotlin.coroutines.Continuation;

/**
 * Koog agent runs: each an {@code invoke_agent {agent id}}, the case root (or a sub-agent inside a
 * case), started as Koog's pipeline announces the run and ended with its completion or failure.
 * Koog runs in coroutines that do not carry Custody's context: what happens in a run finds it
 * through Koog's agent context, remembered here for as long as Koog keeps that context.
 */
public final class KoogRuns {

  static final String INSTRUMENTATION_NAME = "dev.custody.koog-1.1";

  private static final AgentCases CASES = new AgentCases(INSTRUMENTATION_NAME);

  /** Each running agent's context → its run. */
  private static final AgentInternals.Cache<AIAgentContext, KoogRun> RUNS =
      AgentInternals.weakCache();

  private KoogRuns() {}

  /** {@code agent} starts a run in {@code context}, in the caller's context. */
  public static void starting(AIAgent<?, ?> agent, AIAgentContext context) {
    if (agent == null || context == null || RUNS.get(context) != null) {
      return;
    }
    String name = agent.getId();
    AgentInvocation invocation = CASES.start(name, "run the Koog agent " + name);
    if (invocation == null) {
      return;
    }
    invocation.releaseScope();
    invocation.recordIntent(
        KoogMessages.inputText(context.getAgentInput()),
        KoogMessages.systemText(context.getConfig().getPrompt()));
    RUNS.put(context, new KoogRun(invocation));
    SuspendWindows.makeCurrent(invocation.context());
  }

  /** The run in {@code context} completed ({@code error} null) or failed. */
  public static void ended(AIAgentContext context, Throwable error) {
    KoogRun run = context == null ? null : RUNS.get(context);
    if (run != null) {
      RUNS.remove(context);
      CASES.end(run.invocation(), error);
    }
  }

  /**
   * A stretch of Koog's prompt executor or tool environment, working for {@code context}, begins:
   * the operation in progress in its run, else the run itself, is current in it.
   */
  public static SuspendWindows.Window entering(AIAgentContext context) {
    KoogRun run = of(context);
    return SuspendWindows.enter(run == null ? null : run.current());
  }

  /**
   * The arguments to hand a call of Koog's prompt executor or tool environment declared by {@code
   * type}, working for {@code context}: on its first entry, its last, the caller's continuation,
   * carrying the run; on a resumption (the continuation is its own state machine, declared in
   * {@code type}) or outside a run, the same.
   */
  @SuppressWarnings("unchecked")
  public static Object[] withContinuation(Object[] arguments, String type, AIAgentContext context) {
    KoogRun run = of(context);
    Object completion = arguments.length == 0 ? null : arguments[arguments.length - 1];
    if (run == null
        || !(completion instanceof Continuation)
        || completion instanceof RunContinuation
        || completion.getClass().getName().startsWith(type + "$")) {
      return arguments;
    }
    Object[] carrying = arguments.clone();
    carrying[carrying.length - 1] = new RunContinuation((Continuation<Object>) completion, run);
    return carrying;
  }

  /** The run {@code context} (or the agent context it was forked from) belongs to, or null. */
  static KoogRun of(AIAgentContext context) {
    for (AIAgentContext at = context; at != null; at = at.getParentContext()) {
      KoogRun run = RUNS.get(at);
      if (run != null) {
        return run;
      }
    }
    return null;
  }
}
