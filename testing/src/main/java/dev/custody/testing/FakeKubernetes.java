package dev.custody.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Kubernetes API server's pod list ({@code GET /api/v1/namespaces/{ns}/pods}), and the kubelet's
 * side of a pod's projected service-account token: the token file, which it rotates once, when a
 * request first presents the first token. Tokens are shaped as the kube-apiserver issues them (one
 * hour, a {@code jti}, the pod's {@code kubernetes.io} claims).
 */
public final class FakeKubernetes extends ScriptedServer<FakeKubernetes, FakeKubernetes.Request> {

  public static final String SUBJECT = "system:serviceaccount:agents:ops-agent";

  /** One request as the server saw it. */
  public record Request(String path, String authorization) {}

  /** One token the kubelet wrote: its value and the claims that identify and bound it. */
  public record Token(String value, String jti, Instant issuedAt, Instant expiresAt) {}

  private final Path tokenFile;
  private final List<Token> tokens = new CopyOnWriteArrayList<>();

  private FakeKubernetes(Path tokenFile, SelfSignedTls tls) throws IOException {
    super(
        "fake-kubernetes",
        (exchange, body) ->
            new Request(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization")),
        tls);
    this.tokenFile = tokenFile;
    project();
    handle("/api/v1/namespaces/", this::listPods);
    listen();
  }

  /** Writes the first token to {@code tokenFile} and serves the API over plain HTTP. */
  public static FakeKubernetes start(Path tokenFile) throws IOException {
    return new FakeKubernetes(tokenFile, null);
  }

  /**
   * The same over HTTPS, as in a cluster, with {@code tls}'s certificate (the pod's {@code
   * ca.crt}).
   */
  public static FakeKubernetes start(Path tokenFile, SelfSignedTls tls) throws IOException {
    return new FakeKubernetes(tokenFile, tls);
  }

  /** The tokens written, oldest first. */
  public List<Token> tokens() {
    return List.copyOf(tokens);
  }

  private void listPods(HttpExchange exchange, String body) throws IOException {
    String presented = exchange.getRequestHeaders().getFirst("Authorization");
    if (tokens.size() == 1 && ("Bearer " + tokens.get(0).value()).equals(presented)) {
      project();
    }
    respond(
        exchange,
        "application/json",
        "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}");
  }

  /**
   * A new token, swapped in whole as the kubelet does (its files are symbolic links it replaces
   * atomically).
   */
  private void project() throws IOException {
    Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = issued.plus(1, ChronoUnit.HOURS);
    String jti = FakeJwt.randomId();
    String claims =
        "{\"aud\":[\"https://kubernetes.default.svc.cluster.local\"],\"exp\":"
            + expires.getEpochSecond()
            + ",\"iat\":"
            + issued.getEpochSecond()
            + ",\"iss\":\"https://kubernetes.default.svc.cluster.local\",\"jti\":\""
            + jti
            + "\",\"kubernetes.io\":{\"namespace\":\"agents\",\"pod\":{\"name\":\"ops-agent-7d9f\",\"uid\":\""
            + FakeJwt.randomId()
            + "\"},\"serviceaccount\":{\"name\":\"ops-agent\",\"uid\":\""
            + FakeJwt.randomId()
            + "\"}},\"nbf\":"
            + issued.getEpochSecond()
            + ",\"sub\":\""
            + SUBJECT
            + "\"}";
    Token token = new Token(FakeJwt.of("RS256", claims), jti, issued, expires);
    Path next = tokenFile.resolveSibling(tokenFile.getFileName() + ".next");
    Files.writeString(next, token.value(), StandardCharsets.UTF_8);
    Files.move(
        next, tokenFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    tokens.add(token);
  }
}
