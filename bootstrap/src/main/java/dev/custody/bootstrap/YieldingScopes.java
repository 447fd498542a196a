package dev.custody.bootstrap;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Contexts Custody leaves current on a thread after the call that attached them returned, such as
 * the case root of an application's own tool loop, kept current while the application runs the
 * tools. Such a context must give way when a scope opened before it closes (the server request or
 * job it ran in ends): a scope closed while another context is current is otherwise ignored, and
 * that thread would keep the stale contexts for good.
 *
 * <p>The context storage wrapper (in the extension's class loader) and the instrumentation helpers
 * (in application class loaders) share this registry, hence JDK types only: a context is an {@code
 * Object} compared by identity.
 */
public final class YieldingScopes {

  private record Yielding(Object context, Runnable giveWay) {}

  private static final ThreadLocal<ArrayDeque<Yielding>> open = new ThreadLocal<>();
  private static volatile boolean enforced;

  private YieldingScopes() {}

  /**
   * Called by the context storage wrapper once it is installed: until then nothing may be left
   * current.
   */
  public static void enforce() {
    enforced = true;
  }

  /** True when enclosing scopes make the yielding contexts above them give way. */
  public static boolean enforced() {
    return enforced;
  }

  /**
   * Registers {@code context}, just attached on this thread and left current. {@code giveWay} runs
   * on this thread when an enclosing scope closes while {@code context} is current: it must close
   * the context's scope.
   */
  public static void push(Object context, Runnable giveWay) {
    ArrayDeque<Yielding> yielding = open.get();
    if (yielding == null) {
      yielding = new ArrayDeque<>();
      open.set(yielding);
    }
    yielding.push(new Yielding(context, giveWay));
  }

  /** Forgets {@code context} on this thread: its owner closes its scope itself. */
  public static void remove(Object context) {
    ArrayDeque<Yielding> yielding = open.get();
    if (yielding != null) {
      yielding.removeIf(entry -> entry.context() == context);
    }
  }

  /**
   * Makes every registered context that is current give way, innermost first, until the current
   * context is not one of them. Called before a scope closes while a context other than its own is
   * current.
   */
  public static void giveWay(Supplier<Object> current) {
    ArrayDeque<Yielding> yielding = open.get();
    while (yielding != null && !yielding.isEmpty() && yielding.peek().context() == current.get()) {
      yielding.pop().giveWay().run();
    }
  }
}
