package dev.custody.extension;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ConditionalResourceProvider;
import io.opentelemetry.sdk.resources.Resource;

/**
 * When neither the user nor the agent's jar-name detector named the service, names it after the
 * main class ({@code java -cp ... com.example.TravelAgent} becomes {@code TravelAgent}) rather than
 * {@code unknown_service:java}.
 */
public final class MainClassServiceName implements ConditionalResourceProvider {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  @Override
  public Resource createResource(ConfigProperties config) {
    String name = mainClassSimpleName(System.getProperty("sun.java.command"));
    return name == null ? Resource.empty() : Resource.builder().put(SERVICE_NAME, name).build();
  }

  @Override
  public boolean shouldApply(ConfigProperties config, Resource existing) {
    String current = existing.getAttribute(SERVICE_NAME);
    return config.getString("otel.service.name") == null
        && (current == null || current.startsWith("unknown_service"));
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

  @Override
  public int order() {
    // After the agent's own service name detectors.
    return 10_000;
  }
}
