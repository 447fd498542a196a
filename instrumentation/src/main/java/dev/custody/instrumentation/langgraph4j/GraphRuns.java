package dev.custody.instrumentation.langgraph4j;

import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import dev.custody.core.escalations.Escalation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bsc.async.AsyncGenerator;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphArgs;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.GraphResume;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.action.InterruptionMetadata;

/**
 * What the LangGraph4j advice records about graph runs: the logic lives here, the advice forwards.
 * A run starts when its generator is made, on the caller's thread and in its context (a request, an
 * AI service call), and ends with the step that finishes, fails or interrupts it; each step runs in
 * the run's context, on whichever thread pulls it.
 */
public final class GraphRuns {

  static final String INSTRUMENTATION_NAME = "dev.custody.langgraph4j-1.8";

  /** The agent name of a graph compiled without a graph id. */
  static final String DEFAULT_GRAPH_NAME = "graph";

  private static final AgentCases CASES = new AgentCases(INSTRUMENTATION_NAME);

  /** Each running generator's run; a generator dropped before its end takes its run along. */
  private static final AgentInternals.Cache<Object, GraphRun> RUNS = AgentInternals.weakCache();

  private GraphRuns() {}

  /**
   * A generator was made for {@code input}: a new run, or the resume of an interrupted one, which
   * answers its escalation and continues its case.
   */
  public static void started(
      Object generator, CompiledGraph<?> graph, GraphInput input, RunnableConfig config) {
    String thread = GraphInterrupts.threadOf(config);
    Escalation answered =
        input instanceof GraphResume resume ? GraphInterrupts.resumed(graph, thread, resume) : null;
    Context parent =
        answered == null ? Context.current() : answered.continuation(Context.current());
    String name = graph.compileConfig.graphId().orElse(DEFAULT_GRAPH_NAME);
    AgentInvocation invocation;
    try (Scope ignored = parent.makeCurrent()) {
      invocation = CASES.start(name, "run the " + name + " graph");
      if (invocation == null) {
        if (answered != null) {
          answered.answer(parent, answered.approvedOrChanged());
        }
        return;
      }
      invocation.releaseScope();
    }
    if (input instanceof GraphArgs args) {
      GraphInputs.recordIntent(invocation, args.value());
    }
    config.threadId().ifPresent(invocation::recordConversationId);
    GraphRun run = new GraphRun(invocation, graph, thread);
    RUNS.put(generator, run);
    try (Scope ignored = run.context().makeCurrent()) {
      if (answered != null) {
        answered.answer(run.context(), answered.approvedOrChanged());
      } else {
        GraphInterrupts.restarted(graph, thread, run.context());
      }
    }
  }

  /** A step of {@code generator} begins: its run's context is current until it returns. */
  public static Scope stepping(Object generator) {
    GraphRun run = RUNS.get(generator);
    return run == null ? null : run.context().makeCurrent();
  }

  /** The graph stops for a human before or after {@code nodeId}, at the end of this step. */
  public static void stopping(String where, String nodeId) {
    GraphRun run = GraphRun.current();
    if (run != null) {
      run.stopping(where, nodeId);
    }
  }

  /**
   * A step returned {@code step} (an {@code AsyncGenerator.Data}) or threw: done, interrupted or
   * failed, the run ends.
   */
  public static void stepped(Object generator, Scope scope, Object step, Throwable error) {
    if (scope == null) {
      return;
    }
    scope.close();
    GraphRun run = RUNS.get(generator);
    if (run == null) {
      return;
    }
    Throwable failure = error;
    if (failure == null && step instanceof AsyncGenerator.Data<?> data) {
      if (data.isError()) {
        failure = failureOf(data.future());
      } else if (!data.isDone()) {
        return;
      } else if (data.resultValue() instanceof InterruptionMetadata<?> interruption) {
        run.interrupted(interruption);
      }
    }
    RUNS.remove(generator);
    CASES.end(run.invocation(), failure);
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (RuntimeException e) {
      return e;
    }
  }
}
