package dev.custody.instrumentation.embabel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Embabel's objects through their public getters. Embabel 0.5 is Java 21 bytecode, which the
 * Java 17 compiler of this module cannot read, so its types are not compiled against: each getter
 * is looked up on the public class or interface that declares it (a process is an internal class
 * behind the public {@code AgentProcess}).
 */
final class EmbabelObjects {

  /** The getters found on each class, by name: looked up once, not at every action or tool call. */
  private static final Getters GETTERS = new Getters();

  private EmbabelObjects() {}

  /** {@code target.getter()}, or null when the target is null or has no such public getter. */
  static Object read(Object target, String getter) {
    if (target == null) {
      return null;
    }
    Class<?> type = target.getClass();
    Method method =
        GETTERS
            .get(type)
            .computeIfAbsent(getter, name -> Optional.ofNullable(publicGetter(type, name)))
            .orElse(null);
    if (method == null) {
      return null;
    }
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a getter that fails tells nothing: the attribute is left out
      return null;
    }
  }

  /** {@code target.getter()} when it is a string, else null. */
  static String text(Object target, String getter) {
    return read(target, getter) instanceof String text ? text : null;
  }

  /** Whether {@code target} is an instance of the Embabel class named {@code className}. */
  static boolean is(Object target, String className) {
    for (Class<?> type = target == null ? null : target.getClass();
        type != null;
        type = type.getSuperclass()) {
      if (type.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  private static Method publicGetter(Class<?> type, String getter) {
    if (type == null) {
      return null;
    }
    if (Modifier.isPublic(type.getModifiers())) {
      try {
        return type.getMethod(getter);
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
    for (Class<?> contract : type.getInterfaces()) {
      Method method = publicGetter(contract, getter);
      if (method != null) {
        return method;
      }
    }
    return publicGetter(type.getSuperclass(), getter);
  }

  private static final class Getters extends ClassValue<Map<String, Optional<Method>>> {
    @Override
    protected Map<String, Optional<Method>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  }
}
