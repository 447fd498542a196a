package dev.custody.extension;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code custody.profile}: {@code full} (the default) leaves the stock agent's instrumentations as
 * they are; {@code lean} switches every one off but those an agent service's audit needs and
 * Custody's own, so the agent matches fewer types at start-up. The agent reads which modules to
 * install from the configuration the properties customizers return, so this runs before it decides.
 * What the user set wins: an instrumentation switched on or off by name, and {@code
 * otel.instrumentation.common.default-enabled}.
 */
public final class InstrumentationProfile {

  static final String PROFILE = "custody.profile";
  static final String DEFAULT_ENABLED = "otel.instrumentation.common.default-enabled";
  static final String ENABLED_PREFIX = "otel.instrumentation.";
  static final String ENABLED_SUFFIX = ".enabled";

  /** The name every Custody instrumentation module carries beside its own. */
  static final String CUSTODY = "custody";

  /**
   * The stock agent's instrumentation names (2.31.1) that stay on under {@code lean}: how the case
   * id crosses threads and processes, the spans Custody adds its attributes to, and the logs it
   * scrubs. Each is a module's first or shared name, as a user would switch it off ({@code
   * AgentInternalsTest} finds each in the bundled agent's modules).
   */
  public static final List<String> LEAN =
      List.of(
          // HTTP clients
          "apache-httpclient",
          "apache-httpasyncclient",
          "async-http-client",
          "google-http-client",
          "http-url-connection",
          "java-http-client",
          "jetty-httpclient",
          "okhttp",
          // HTTP servers, servlet containers, Spring's, Quarkus's and Ktor's web stacks
          "java-http-server",
          "servlet",
          "tomcat",
          "jetty",
          "undertow",
          "netty",
          "reactor-netty",
          "spring-web",
          "spring-webmvc",
          "spring-webflux",
          "vertx-web",
          "vertx-http-client",
          "quarkus-resteasy-reactive",
          "jaxrs",
          "ktor",
          // context across threads
          "executors",
          "spring-core",
          "reactor",
          "rxjava",
          // messaging: Kafka, JMS, RabbitMQ, SQS (with the rest of the AWS SDK)
          "kafka",
          "spring-kafka",
          "jms",
          "spring-jms",
          "rabbitmq",
          "spring-rabbit",
          "aws-sdk",
          "grpc",
          "jdbc",
          // the clients whose own spans hold Custody's credential fetches: Azure SDK, Kubernetes
          "azure-core",
          "kubernetes-client",
          // logs: MDC and the bridges Custody scrubs
          "logback-mdc",
          "logback-appender",
          "log4j-context-data",
          "log4j-mdc",
          "log4j-appender",
          "java-util-logging",
          "jboss-logmanager-mdc",
          "jboss-logmanager-appender",
          // the stock GenAI instrumentations (Bedrock is the AWS SDK's)
          "openai-java",
          // the application's own spans through the OpenTelemetry API
          "opentelemetry-api",
          "opentelemetry-instrumentation-api",
          "opentelemetry-instrumentation-annotations",
          "opentelemetry-extension-annotations",
          "methods",
          CUSTODY);

  private InstrumentationProfile() {}

  /**
   * The agent settings {@code custody.profile} asks for, leaving out any the user set; an unknown
   * profile is reported to {@code warning} and the full one used.
   */
  static Map<String, String> settings(ConfigProperties config, Consumer<String> warning) {
    String profile = config.getString(PROFILE, "full").trim().toLowerCase(Locale.ROOT);
    if (!profile.equals("lean")) {
      if (!profile.equals("full")) {
        warning.accept(
            "Custody: ignoring "
                + PROFILE
                + "='"
                + config.getString(PROFILE)
                + "': accepted values are full, lean; using full.");
      }
      return Map.of();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (config.getString(DEFAULT_ENABLED) == null) {
      settings.put(DEFAULT_ENABLED, "false");
    }
    for (String name : LEAN) {
      String key = ENABLED_PREFIX + name + ENABLED_SUFFIX;
      if (config.getString(key) == null) {
        settings.put(key, "true");
      }
    }
    return settings;
  }
}
