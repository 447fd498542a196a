package dev.custody.bootstrap;

import java.util.Map;

/**
 * The workload's identity as the attributes every case root carries ({@code custody.workload.*}, each a String or a
 * List of Strings), published by the extension at start-up and again when the credential that proves it rotates, so
 * helper classes in any application class loader read the same, current identity.
 */
public final class WorkloadAttributes {

  private static volatile Map<String, Object> values = Map.of();

  private WorkloadAttributes() {}

  public static void publish(Map<String, Object> attributes) {
    values = Map.copyOf(attributes);
  }

  /** The published attributes by key; empty before the extension has published any. */
  public static Map<String, Object> values() {
    return values;
  }
}
