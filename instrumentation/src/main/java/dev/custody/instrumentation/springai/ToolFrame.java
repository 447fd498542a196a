package dev.custody.instrumentation.springai;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;

/**
 * One run of tool calls on this thread: the calls the model asked for that have not run yet, the
 * observation registry of the manager running them, the context they run in, and whether a tool is
 * running now (a callback called inside it is a wrapper delegating, not another execution). Frames
 * nest, as a tool may run an agent of its own.
 */
public final class ToolFrame {

  private static final ThreadLocal<ToolFrame> CURRENT = new ThreadLocal<>();

  private final List<AssistantMessage.ToolCall> requested;
  private final ObservationRegistry registry;
  private final Scope scope;
  private final ToolFrame outer;
  private boolean toolRunning;

  private ToolFrame(
      List<AssistantMessage.ToolCall> requested,
      ObservationRegistry registry,
      Scope scope,
      ToolFrame outer) {
    this.requested = new ArrayList<>(requested);
    this.registry = registry;
    this.scope = scope;
    this.outer = outer;
  }

  static ToolFrame current() {
    return CURRENT.get();
  }

  /**
   * Pushes a frame whose tools run in {@code context} (made current until the frame pops), or in
   * the current one.
   */
  static ToolFrame push(
      List<AssistantMessage.ToolCall> requested, ObservationRegistry registry, Context context) {
    ToolFrame frame =
        new ToolFrame(
            requested, registry, context == null ? null : context.makeCurrent(), CURRENT.get());
    CURRENT.set(frame);
    return frame;
  }

  void pop() {
    if (scope != null) {
      scope.close();
    }
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /**
   * The requested call a tool execution answers, taken from those left: the first with its name and
   * arguments, else the first with its name (the manager runs them in order, but may skip some and
   * pass "{}" for no arguments).
   */
  AssistantMessage.ToolCall take(String name, String arguments) {
    int byName = -1;
    for (int i = 0; i < requested.size(); i++) {
      AssistantMessage.ToolCall call = requested.get(i);
      if (call.name().equals(name)) {
        if (Objects.equals(call.arguments(), arguments)) {
          return requested.remove(i);
        }
        byName = byName < 0 ? i : byName;
      }
    }
    return byName < 0 ? null : requested.remove(byName);
  }

  ObservationRegistry registry() {
    return registry;
  }

  boolean toolRunning() {
    return toolRunning;
  }

  void toolRunning(boolean running) {
    toolRunning = running;
  }
}
