package dev.custody.faults.boot;

import java.lang.StackWalker.StackFrame;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Decides, on entry to each method or constructor of Custody's that the fault agent rewrote,
 * whether it fails there, and counts what it threw. On the bootstrap class path, so every class
 * loader's copy of Custody's classes reaches the same one.
 *
 * <p>Custody's code is entered from outside it in two ways: from advice inlined into a library's
 * method, which suppresses what it throws, and from a library calling an object Custody handed it
 * (an interceptor, a subscriber, a wrapped stream, a callback), which nothing suppresses. So a
 * method fails on entry:
 *
 * <ul>
 *   <li>when it is entered from outside Custody (advice), unless it is a constructor or returns a
 *       library object (those make what Custody hands the library: they run, so that the library
 *       gets the object and calls it);
 *   <li>when it is entered from Custody's code that a library called back: an entry point (a method
 *       overriding one of a library or JDK type, or a lambda's body) is below it on the stack.
 * </ul>
 *
 * An entry point itself never fails on entry, nor does a method that catches {@code Throwable} (a
 * guard, which the agent leaves as it is): what they call does. A failure there is what a guard
 * must keep from the library.
 */
public final class Faults {

  /** The method is a constructor. */
  public static final int CONSTRUCTOR = 1;

  /** The method returns an object of a library or JDK type (not a String or a boxed value). */
  public static final int RETURNS_LIBRARY_OBJECT = 2;

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Map<String, Boolean> ENTRY_POINTS = new ConcurrentHashMap<>();
  private static final Set<String> FAULTED = ConcurrentHashMap.newKeySet();
  private static final Set<String> INSTRUMENTED = ConcurrentHashMap.newKeySet();
  private static final AtomicLong FROM_OUTSIDE = new AtomicLong();
  private static final AtomicLong IN_CALLBACKS = new AtomicLong();

  private Faults() {}

  /**
   * Called first thing by every rewritten method and constructor: throws when this entry must fail.
   */
  public static void enter(int flags) {
    StackFrame[] decision = WALKER.walk(frames -> decide(frames, flags));
    if (decision == null) {
      return;
    }
    StackFrame entered = decision[0];
    String method =
        entered.getClassName() + "." + entered.getMethodName() + entered.getDescriptor();
    FAULTED.add(method);
    (decision[1] == null ? FROM_OUTSIDE : IN_CALLBACKS).incrementAndGet();
    throw new InjectedFault(method);
  }

  /** Notes a class the agent rewrote. */
  public static void instrumented(String className) {
    INSTRUMENTED.add(className);
  }

  /** The line the agent prints at exit, which tests read. */
  public static String report(boolean listMethods) {
    StringBuilder report =
        new StringBuilder("[custody-faults] threw ")
            .append(FROM_OUTSIDE.get() + IN_CALLBACKS.get())
            .append(" faults in ")
            .append(FAULTED.size())
            .append(" methods: ")
            .append(FROM_OUTSIDE.get())
            .append(" entering from outside Custody, ")
            .append(IN_CALLBACKS.get())
            .append(" inside library callbacks; ")
            .append(INSTRUMENTED.size())
            .append(" classes rewritten");
    if (listMethods) {
      new TreeSet<>(FAULTED)
          .forEach(method -> report.append("\n[custody-faults]   ").append(method));
    }
    return report.toString();
  }

  /**
   * {@code null} when the entry runs; else the entered frame and, for a failure inside a callback,
   * the entry point below it.
   */
  private static StackFrame[] decide(Stream<StackFrame> stack, int flags) {
    Iterator<StackFrame> frames = stack.skip(1).iterator();
    StackFrame entered = frames.next();
    if (isEntryPoint(entered)) {
      return null;
    }
    boolean caller = true;
    while (frames.hasNext()) {
      StackFrame frame = frames.next();
      if (!isOurs(frame)) {
        boolean fails = caller && (flags & (CONSTRUCTOR | RETURNS_LIBRARY_OBJECT)) == 0;
        return fails ? new StackFrame[] {entered, null} : null;
      }
      if (isEntryPoint(frame)) {
        return new StackFrame[] {entered, frame};
      }
      caller = false;
    }
    return null;
  }

  private static boolean isOurs(StackFrame frame) {
    String name = frame.getClassName();
    return name.startsWith("dev.custody.core.")
        || name.startsWith("dev.custody.instrumentation.")
        || name.startsWith("dev.custody.bootstrap.");
  }

  /**
   * A method a library or the JDK calls: a lambda's body, or one that overrides a method of a type
   * not ours.
   */
  private static boolean isEntryPoint(StackFrame frame) {
    String name = frame.getMethodName();
    if (name.startsWith("lambda$")) {
      return true;
    }
    if (name.equals("<init>") || name.equals("<clinit>") || !isOurs(frame)) {
      return false;
    }
    return ENTRY_POINTS.computeIfAbsent(
        frame.getClassName() + "." + name + frame.getDescriptor(),
        key ->
            overridesForeignMethod(
                frame.getDeclaringClass(), name, frame.getMethodType().parameterCount()));
  }

  private static boolean overridesForeignMethod(Class<?> type, String name, int parameters) {
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      Class<?> next = pending.poll();
      if (!seen.add(next)) {
        continue;
      }
      if (next != type && !next.getName().startsWith("dev.custody.")) {
        try {
          for (Method method : next.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (method.getName().equals(name)
                && method.getParameterCount() == parameters
                && !Modifier.isStatic(modifiers)
                && !Modifier.isPrivate(modifiers)) {
              return true;
            }
          }
        } catch (Throwable unreadable) {
          return true; // cannot tell: leave the method alone rather than report a failure that is
          // not there
        }
      }
      if (next.getSuperclass() != null) {
        pending.add(next.getSuperclass());
      }
      pending.addAll(List.of(next.getInterfaces()));
    }
    return false;
  }
}
