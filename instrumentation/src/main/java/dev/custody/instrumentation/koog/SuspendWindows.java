package dev.custody.instrumentation.koog;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;

/**
 * Contexts made current inside one synchronous stretch of a Kotlin suspend function, from its entry
 * until it returns its result or suspends, and closed then, newest first, on the same thread. A
 * context made current in a coroutine and left open would outlive it on its thread (the coroutine's
 * own context element cannot restore over it); what the function starts in that stretch (Ktor's
 * request coroutine, a tool's work) inherits the context, and each resumption of the function
 * enters again.
 */
public final class SuspendWindows {

  private static final ThreadLocal<Stretches> OPEN = new ThreadLocal<>();

  private SuspendWindows() {}

  /** Where one stretch began; what it made current is closed by {@link #exit}. */
  public static final class Window {
    private final int mark;

    private Window(int mark) {
      this.mark = mark;
    }
  }

  /** The stretches open on one thread and the scopes they opened, newest first. */
  private static final class Stretches {
    private final ArrayDeque<Scope> scopes = new ArrayDeque<>();
    private int open;
  }

  /** A stretch begins, with {@code context} (when not null) current in it. */
  public static Window enter(Context context) {
    Stretches stretches = OPEN.get();
    if (stretches == null) {
      stretches = new Stretches();
      OPEN.set(stretches);
    }
    stretches.open++;
    Window window = new Window(stretches.scopes.size());
    if (context != null) {
      stretches.scopes.push(context.makeCurrent());
    }
    return window;
  }

  /** Makes {@code context} current until the stretch this thread is in ends; outside one, not. */
  static void makeCurrent(Context context) {
    Stretches stretches = OPEN.get();
    if (stretches != null && stretches.open > 0) {
      stretches.scopes.push(context.makeCurrent());
    }
  }

  /** The stretch ends: what it made current is closed, newest first. */
  public static void exit(Window window) {
    Stretches stretches = OPEN.get();
    if (window == null || stretches == null) {
      return;
    }
    while (stretches.scopes.size() > window.mark) {
      stretches.scopes.pop().close();
    }
    if (--stretches.open == 0) {
      OPEN.remove();
    }
  }
}
