package dev.custody.instrumentation.langgraph4j;

import dev.custody.core.escalations.Escalation;
import dev.custody.core.escalations.PendingEscalations;
import io.opentelemetry.context.Context;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphResume;
import org.bsc.langgraph4j.RunnableConfig;

/**
 * The interrupts waiting for their resume, by graph and thread id: the thread id (the checkpoint
 * saver's key) is what an interrupt and its resume share, whichever thread or request each comes
 * on. How a resume answers: {@code changed} when the app updated the thread's state or resumed with
 * values, else {@code approved}; a new run on the thread instead of a resume {@code cancelled};
 * past the bound, the oldest {@code timed_out}.
 */
public final class GraphInterrupts {

  /** How many interrupts are kept waiting, over every graph. */
  static final int MAX_WAITING = 1024;

  /** The thread id of a run given none, as the checkpoint savers default it. */
  static final String DEFAULT_THREAD = "$default";

  private static final PendingEscalations<GraphThread> WAITING =
      new PendingEscalations<>(MAX_WAITING);

  /** A graph (by identity) and one of its threads. */
  record GraphThread(CompiledGraph<?> graph, String thread) {}

  private GraphInterrupts() {}

  static String threadOf(RunnableConfig config) {
    return config.threadId().orElse(DEFAULT_THREAD);
  }

  static void waiting(CompiledGraph<?> graph, String thread, Escalation escalation) {
    WAITING.put(new GraphThread(graph, thread), escalation);
  }

  /** The escalation a resume answers, no longer waiting; or null. */
  static Escalation resumed(CompiledGraph<?> graph, String thread, GraphResume resume) {
    Escalation escalation = WAITING.take(new GraphThread(graph, thread));
    if (escalation != null && !resume.value().isEmpty()) {
      escalation.markChanged();
    }
    return escalation;
  }

  /** A new run on the thread: the interrupt waiting there will not be answered. */
  static void restarted(CompiledGraph<?> graph, String thread, Context run) {
    Escalation dropped = WAITING.take(new GraphThread(graph, thread));
    if (dropped != null) {
      dropped.answer(run, Escalation.CANCELLED);
    }
  }

  /** The app changed the state of a thread, maybe one waiting for its resume. */
  public static void stateUpdated(CompiledGraph<?> graph, RunnableConfig config) {
    Escalation escalation = WAITING.peek(new GraphThread(graph, threadOf(config)));
    if (escalation != null) {
      escalation.markChanged();
    }
  }
}
