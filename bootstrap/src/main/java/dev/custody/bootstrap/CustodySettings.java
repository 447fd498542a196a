package dev.custody.bootstrap;

import java.util.Map;

/**
 * The {@code custody.*} settings as the user gave them, published once by the extension at start-up
 * so that helper classes injected into any application class loader read the same configuration.
 */
public final class CustodySettings {

  private static volatile Map<String, String> values = Map.of();

  private CustodySettings() {}

  public static void publish(Map<String, String> configured) {
    values = Map.copyOf(configured);
  }

  /**
   * The published map; a new instance after every {@link #publish}, so readers may cache by
   * identity.
   */
  public static Map<String, String> values() {
    return values;
  }
}
