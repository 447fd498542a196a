package dev.custody.it.harness;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32C;

/**
 * GCP Secret Manager over both its transports: gRPC (plaintext; the service is defined from the
 * published messages, as its generated stub would) and HTTP/JSON, plus a backend that records the
 * bearer tokens it is called with. As the real service does, it answers with the project's number
 * and resolves {@code latest} to the newest version.
 */
public final class FakeSecretManager implements AutoCloseable {

  public static final String PROJECT_NUMBER = "123456";
  public static final String LATEST_VERSION = "7";

  private static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";

  private record StoredSecret(String value, Instant expires) {}

  private final Map<String, StoredSecret> secrets = new ConcurrentHashMap<>();
  private final List<String> backendAuthorizations = new CopyOnWriteArrayList<>();
  private final Server grpc;
  private final HttpServer http;

  private FakeSecretManager() throws IOException {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(
                method(
                    "AccessSecretVersion",
                    AccessSecretVersionRequest.getDefaultInstance(),
                    AccessSecretVersionResponse.getDefaultInstance()),
                ServerCalls.asyncUnaryCall(
                    (AccessSecretVersionRequest request,
                        StreamObserver<AccessSecretVersionResponse> response) ->
                        answer(response, access(request.getName()))))
            .addMethod(
                method(
                    "GetSecret",
                    GetSecretRequest.getDefaultInstance(),
                    Secret.getDefaultInstance()),
                ServerCalls.asyncUnaryCall(
                    (GetSecretRequest request, StreamObserver<Secret> response) ->
                        answer(response, secret(request.getName()))))
            .build();
    grpc =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(service)
            .build()
            .start();
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/v1/", this::rest);
    http.createContext("/backend/", this::backend);
    http.start();
  }

  public static FakeSecretManager start() throws IOException {
    return new FakeSecretManager();
  }

  /**
   * Stores a secret of project {@code my-proj}; {@code expires} null for one that never expires.
   */
  public FakeSecretManager secret(String name, String value, Instant expires) {
    secrets.put(name, new StoredSecret(value, expires));
    return this;
  }

  /** {@code host:port} of the gRPC transport. */
  public String grpcEndpoint() {
    return "127.0.0.1:" + grpc.getPort();
  }

  /** The HTTP/JSON transport's root URL; the backend is at {@code /backend/}. */
  public String httpEndpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** The name an access to {@code secret} at {@code version} resolves to. */
  public static String resolved(String secret, String version) {
    return "projects/"
        + PROJECT_NUMBER
        + "/secrets/"
        + secret
        + "/versions/"
        + ("latest".equals(version) ? LATEST_VERSION : version);
  }

  public List<String> backendAuthorizations() {
    return List.copyOf(backendAuthorizations);
  }

  @Override
  public void close() {
    grpc.shutdownNow();
    http.stop(0);
  }

  /**
   * The response to accessing {@code projects/p/secrets/s/versions/v}, or null when the secret is
   * unknown.
   */
  private AccessSecretVersionResponse access(String name) {
    String[] parts = name.split("/");
    StoredSecret secret = secrets.get(parts[3]);
    if (secret == null) {
      return null;
    }
    byte[] data = secret.value().getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(data);
    return AccessSecretVersionResponse.newBuilder()
        .setName(resolved(parts[3], parts[5]))
        .setPayload(
            SecretPayload.newBuilder()
                .setData(ByteString.copyFrom(data))
                .setDataCrc32C(crc.getValue()))
        .build();
  }

  /** The secret {@code projects/p/secrets/s}, or null when unknown. */
  private Secret secret(String name) {
    String secretName = name.split("/")[3];
    StoredSecret secret = secrets.get(secretName);
    if (secret == null) {
      return null;
    }
    Secret.Builder found =
        Secret.newBuilder()
            .setName("projects/" + PROJECT_NUMBER + "/secrets/" + secretName)
            .setCreateTime(
                Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() - 86_400));
    if (secret.expires() != null) {
      found.setExpireTime(Timestamp.newBuilder().setSeconds(secret.expires().getEpochSecond()));
    }
    return found.build();
  }

  private static <T> void answer(StreamObserver<T> response, T message) {
    if (message == null) {
      response.onError(
          Status.NOT_FOUND
              .withDescription("Secret not found or has no versions.")
              .asRuntimeException());
    } else {
      response.onNext(message);
      response.onCompleted();
    }
  }

  /**
   * {@code GET /v1/{name}:access} and {@code GET /v1/{name}}, as the HTTP/JSON transport sends
   * them.
   */
  private void rest(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath().substring("/v1/".length());
    Message found =
        path.endsWith(":access")
            ? access(path.substring(0, path.length() - ":access".length()))
            : secret(path);
    if (found == null) {
      send(
          exchange,
          404,
          "{\"error\":{\"code\":404,\"message\":\"Secret not found or has no versions.\","
              + "\"status\":\"NOT_FOUND\"}}");
    } else {
      send(exchange, 200, JsonFormat.printer().print(found));
    }
  }

  private void backend(HttpExchange exchange) throws IOException {
    backendAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    send(exchange, 200, "{\"status\":\"ok\"}");
  }

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
      String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
