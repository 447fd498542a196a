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
import java.util.TreeMap;
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
  private static final Map<String, AtomicLong> BY_AREA = new ConcurrentHashMap<>();

  private Faults() {}

  /**
   * Called first thing by every rewritten method and constructor: throws when this entry must fail.
   */
  public static void enter(int flags) {
    Fault fault = WALKER.walk(frames -> decide(frames, flags));
    if (fault == null) {
      return;
    }
    FAULTED.add(fault.method());
    (fault.inCallback() ? IN_CALLBACKS : FROM_OUTSIDE).incrementAndGet();
    BY_AREA.computeIfAbsent(fault.area(), area -> new AtomicLong()).incrementAndGet();
    throw new InjectedFault(fault.method());
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
            .append(" classes rewritten; by area:");
    new TreeMap<>(BY_AREA)
        .forEach((area, count) -> report.append(' ').append(area).append('=').append(count));
    if (listMethods) {
      new TreeSet<>(FAULTED)
          .forEach(method -> report.append("\n[custody-faults]   ").append(method));
    }
    return report.toString();
  }

  /**
   * A fault to throw: where, whether inside a library's callback, and whose code it is: the first
   * instrumentation or extension package on the stack from it, else its module.
   */
  private record Fault(String method, boolean inCallback, String area) {}

  /** {@code null} when the entry runs, else the fault to throw there. */
  private static Fault decide(Stream<StackFrame> stack, int flags) {
    Iterator<StackFrame> frames = stack.skip(1).iterator();
    StackFrame entered = frames.next();
    if (isEntryPoint(entered)) {
      return null;
    }
    String area = areaOf(entered.getClassName());
    boolean caller = true;
    while (frames.hasNext()) {
      StackFrame frame = frames.next();
      if (!isOurs(frame)) {
        boolean fails = caller && (flags & (CONSTRUCTOR | RETURNS_LIBRARY_OBJECT)) == 0;
        return fails && !anAgentStarting(frames) ? fault(entered, false, area) : null;
      }
      if (area == null) {
        area = areaOf(frame.getClassName());
      }
      if (isEntryPoint(frame)) {
        return anAgentStarting(frames) ? null : fault(entered, true, area);
      }
      caller = false;
    }
    return null;
  }

  private static Fault fault(StackFrame entered, boolean inCallback, String area) {
    String type = entered.getClassName();
    String method = type + "." + entered.getMethodName() + entered.getDescriptor();
    return new Fault(method, inCallback, area == null ? moduleOf(type) : area);
  }

  /**
   * Whether the rest of the stack is an agent's {@code premain}: the extension's autoconfiguration
   * runs there, before the application, which no fault there could reach.
   */
  private static boolean anAgentStarting(Iterator<StackFrame> rest) {
    while (rest.hasNext()) {
      if (rest.next().getClassName().startsWith("sun.instrument.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whose code a class is, when an instrumentation's or the extension's: the instrumentation's
   * folder ({@code openai}) or the extension's package ({@code extension.identity}).
   */
  private static String areaOf(String className) {
    String[] names = className.split("\\.");
    if (names.length > 4 && names[2].equals("instrumentation")) {
      return names[3];
    }
    if (names.length > 4 && names[2].equals("extension")) {
      return "extension." + names[3];
    }
    return null;
  }

  /** The module of one of our classes ({@code core}, {@code extension}...). */
  private static String moduleOf(String className) {
    return className.split("\\.")[2];
  }

  private static boolean isOurs(StackFrame frame) {
    String name = frame.getClassName();
    return name.startsWith("dev.custody.core.")
        || name.startsWith("dev.custody.instrumentation.")
        || name.startsWith("dev.custody.bootstrap.")
        || name.startsWith("dev.custody.extension.")
        || name.startsWith("dev.custody.exporter.");
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
