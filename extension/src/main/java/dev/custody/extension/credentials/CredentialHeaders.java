package dev.custody.extension.credentials;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;

import dev.custody.extension.CustodyCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import java.util.List;

/**
 * The request headers and gRPC metadata that carry credentials. Custody has the agent capture them
 * on outbound calls so it can tell which credential authorised each call; those the user did not
 * ask to capture never leave the process (the exporter drops them), those the user did are scrubbed
 * like every exported string.
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
  static final String GRPC_CAPTURE_DEPRECATED =
      "otel.instrumentation.grpc.capture-metadata.client.request";

  private CredentialHeaders() {}

  /** Has the agent capture the credential headers and metadata on outbound calls. */
  public static void captureOn(CustodyCapture capture) {
    capture
        .add(
            SpanKind.CLIENT,
            List.of(HTTP_CAPTURE),
            HTTP_HEADERS,
            header -> List.of(CustodyCapture.httpRequestHeader(header)))
        .add(
            SpanKind.CLIENT,
            List.of(GRPC_CAPTURE, GRPC_CAPTURE_DEPRECATED),
            GRPC_METADATA,
            CredentialHeaders::grpcMetadataKeys);
  }

  /** The agent writes gRPC metadata under the older or the stable semantic-convention prefix. */
  static List<AttributeKey<List<String>>> grpcMetadataKeys(String key) {
    return List.of(
        stringArrayKey("rpc.grpc.request.metadata." + key),
        stringArrayKey("rpc.request.metadata." + key));
  }
}
