package dev.custody.instrumentation.langgraph4j;

import dev.custody.core.cases.AgentInvocation;
import dev.custody.core.escalations.Escalation;
import dev.custody.core.escalations.Escalations;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.action.InterruptionMetadata;

/** One run of a compiled graph: its invocation, and where it is about to stop for a human. */
final class GraphRun {

  private static final ContextKey<GraphRun> KEY = ContextKey.named("custody-langgraph4j-run");

  private static final Escalations ESCALATIONS = new Escalations(GraphRuns.INSTRUMENTATION_NAME);

  /** The kind of escalation a graph's interrupt is. */
  static final String INTERRUPT = "interrupt";

  private final AgentInvocation invocation;
  private final CompiledGraph<?> graph;
  private final String thread;
  private final Context context;
  private volatile String stop;

  GraphRun(AgentInvocation invocation, CompiledGraph<?> graph, String thread) {
    this.invocation = invocation;
    this.graph = graph;
    this.thread = thread;
    this.context = invocation.context().with(KEY, this);
  }

  /** The run whose step is running here, or null. */
  static GraphRun current() {
    return Context.current().get(KEY);
  }

  AgentInvocation invocation() {
    return invocation;
  }

  /** The run's context: its invocation, its case, and itself. */
  Context context() {
    return context;
  }

  void stopping(String where, String nodeId) {
    stop = where + " node " + nodeId;
  }

  /**
   * The run stopped for a human: the question is where it stopped, or, for a node that interrupted
   * itself, the node and what it said.
   */
  void interrupted(InterruptionMetadata<?> interruption) {
    String question =
        stop != null
            ? "interrupted " + stop
            : "interrupted in node " + interruption.nodeId() + GraphInputs.metadataOf(interruption);
    Escalation escalation = ESCALATIONS.ask(context, INTERRUPT, question, null);
    if (escalation != null) {
      GraphInterrupts.waiting(graph, thread, escalation);
    }
  }
}
