package dev.custody.exporter.credentials;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers and gRPC metadata that carry credentials. Custody has the agent capture them on outbound calls
 * so it can tell which credential authorised each call; those the user did not ask to capture never leave the
 * process (the exporter drops them), those the user did are scrubbed like every exported string.
 */
public final class CredentialHeaders {

  static final List<String> HTTP_HEADERS =
      List.of(
          "authorization",
          "proxy-authorization",
          "x-api-key",
          "api-key",
          "x-goog-api-key",
          "x-vault-token",
          "ocp-apim-subscription-key");

  static final List<String> GRPC_METADATA = List.of("authorization");

  static final String HTTP_CAPTURE = "otel.instrumentation.http.client.capture-request-headers";
  static final String GRPC_CAPTURE = "otel.instrumentation.grpc.client.request-metadata.included";
  static final String GRPC_CAPTURE_DEPRECATED = "otel.instrumentation.grpc.capture-metadata.client.request";

  private final Map<String, String> captureSettings;
  private final Set<AttributeKey<?>> addedKeys;

  private CredentialHeaders(Map<String, String> captureSettings, Set<AttributeKey<?>> addedKeys) {
    this.captureSettings = captureSettings;
    this.addedKeys = addedKeys;
  }

  /** What to capture on top of the user's settings, and the attributes that adds. */
  public static CredentialHeaders from(ConfigProperties config) {
    Set<AttributeKey<?>> added = new HashSet<>();
    List<String> http = lowerCase(config.getList(HTTP_CAPTURE));
    for (String header : HTTP_HEADERS) {
      if (!http.contains(header)) {
        http.add(header);
        added.add(httpHeaderKey(header));
      }
    }
    List<String> grpc = lowerCase(config.getList(GRPC_CAPTURE));
    grpc.addAll(lowerCase(config.getList(GRPC_CAPTURE_DEPRECATED)));
    for (String key : GRPC_METADATA) {
      if (!grpc.contains(key)) {
        grpc.add(key);
        added.addAll(grpcMetadataKeys(key));
      }
    }
    return new CredentialHeaders(
        Map.of(HTTP_CAPTURE, String.join(",", http), GRPC_CAPTURE, String.join(",", grpc)), added);
  }

  /** The capture settings to hand the agent. */
  public Map<String, String> captureSettings() {
    return captureSettings;
  }

  /** The captured attributes the user did not ask for: they are read in the process, never exported. */
  public Set<AttributeKey<?>> addedKeys() {
    return addedKeys;
  }

  static AttributeKey<List<String>> httpHeaderKey(String header) {
    return stringArrayKey("http.request.header." + header);
  }

  /** The agent writes gRPC metadata under the older or the stable semantic-convention prefix. */
  static List<AttributeKey<List<String>>> grpcMetadataKeys(String key) {
    return List.of(stringArrayKey("rpc.grpc.request.metadata." + key), stringArrayKey("rpc.request.metadata." + key));
  }

  private static List<String> lowerCase(List<String> values) {
    List<String> lower = new ArrayList<>();
    for (String value : values) {
      lower.add(value.trim().toLowerCase(Locale.ROOT));
    }
    return lower;
  }
}
