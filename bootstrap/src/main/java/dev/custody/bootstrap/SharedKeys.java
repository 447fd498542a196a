package dev.custody.bootstrap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One key object per name for the whole JVM. Helpers are copied into every class loader that needs
 * them, so a context key they create is a different object in each; a key made here once lets a
 * span marked in the application's loader be read by a helper in the platform loader (the JDK HTTP
 * client's).
 */
public final class SharedKeys {

  private static final Map<String, Object> keys = new ConcurrentHashMap<>();

  private SharedKeys() {}

  /** The key of {@code name}, made by {@code create} on first use. */
  public static Object key(String name, Function<String, Object> create) {
    return keys.computeIfAbsent(name, create);
  }
}
