package dev.custody.extension;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;

/**
 * When neither the user nor the agent's jar-name detector named the service, names it after the
 * main class ({@code java -cp ... com.example.TravelAgent} becomes {@code TravelAgent}) rather than
 * {@code unknown_service:java}. A resource customizer, so it sees the resource every detector and
 * the user's settings made.
 */
final class MainClassServiceName {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private MainClassServiceName() {}

  /** {@code resource}, named after the main class when nothing named the service. */
  static Resource named(Resource resource, ConfigProperties config) {
    return named(resource, config, System.getProperty("sun.java.command"));
  }

  static Resource named(Resource resource, ConfigProperties config, String command) {
    String current = resource.getAttribute(SERVICE_NAME);
    boolean unnamed =
        config.getString("otel.service.name") == null
            && (current == null || current.startsWith("unknown_service"));
    String name = unnamed ? mainClassSimpleName(command) : null;
    return name == null ? resource : resource.toBuilder().put(SERVICE_NAME, name).build();
  }

  /**
   * The simple name of the main class in a {@code sun.java.command} value; null for a jar or
   * nothing.
   */
  static String mainClassSimpleName(String command) {
    if (command == null || command.isBlank()) {
      return null;
    }
    String main = command.trim().split("\\s+", 2)[0];
    if (main.endsWith(".jar")) {
      return null;
    }
    return main.substring(main.lastIndexOf('.') + 1);
  }
}
