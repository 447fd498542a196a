package dev.custody.extension;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Names the distribution on every resource: {@code telemetry.distro.name=custody} and its version.
 */
public final class CustodyDistribution implements ResourceProvider {

  static final AttributeKey<String> DISTRO_NAME = AttributeKey.stringKey("telemetry.distro.name");
  static final AttributeKey<String> DISTRO_VERSION =
      AttributeKey.stringKey("telemetry.distro.version");

  private static final Properties VERSIONS = load();

  /** This Custody release, e.g. {@code 0.1.0}. */
  public static String version() {
    return VERSIONS.getProperty("custody.version");
  }

  /** The OpenTelemetry Java agent release Custody distributes. */
  public static String otelAgentVersion() {
    return VERSIONS.getProperty("otel.agent.version");
  }

  @Override
  public Resource createResource(ConfigProperties config) {
    return Resource.builder().put(DISTRO_NAME, "custody").put(DISTRO_VERSION, version()).build();
  }

  @Override
  public int order() {
    // After the agent's own distribution resource, which it replaces.
    return 10_000;
  }

  private static Properties load() {
    Properties properties = new Properties();
    properties.setProperty("custody.version", "unknown");
    properties.setProperty("otel.agent.version", "unknown");
    try (InputStream in =
        CustodyDistribution.class.getResourceAsStream("/dev/custody/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // keep "unknown": a version label is not worth failing the agent for
    }
    return properties;
  }
}
