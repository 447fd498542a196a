package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Azure's side of an application on Key Vault and Azure Identity, over the real protocols: a key
 * vault and a Microsoft Entra ID token endpoint on one HTTPS port (the SDK sends bearer tokens over
 * HTTPS only), and an App Service managed identity endpoint over plain HTTP. As Key Vault does, the
 * vault answers a request without a token with a bearer challenge naming the tenant; it accepts
 * only tokens the fake issued. Tokens are JWTs, as Entra ID's are.
 */
public final class FakeAzure implements AutoCloseable {

  public static final String TENANT = "tenant-123";
  public static final String IDENTITY_HEADER = "fake-identity-header";
  public static final String VAULT_RESOURCE = "https://vault.azure.net";

  /** A request either server received. */
  public record Request(String method, String path, String authorization) {}

  private record Secret(String value, String version, Instant expires) {}

  private final HttpsServer https;
  private final HttpServer http;
  private final Instant created =
      Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> clientSecrets = new ConcurrentHashMap<>();
  private final List<String> issued = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeAzure(SelfSignedTls tls) throws IOException, GeneralSecurityException {
    https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    https.createContext("/", this::vaultOrTokenEndpoint);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/msi/token", this::managedIdentity);
  }

  public static FakeAzure start(SelfSignedTls tls) throws IOException, GeneralSecurityException {
    FakeAzure azure = new FakeAzure(tls);
    azure.https.start();
    azure.http.start();
    return azure;
  }

  /** Stores a secret; {@code expires} null for one that never expires. */
  public FakeAzure secret(String name, String value, Instant expires) {
    String version = String.format("%032x", Math.abs((long) name.hashCode()) * 7919L);
    secrets.put(
        name,
        new Secret(
            value, version, expires == null ? null : expires.truncatedTo(ChronoUnit.SECONDS)));
    return this;
  }

  /** Registers an application (service principal) that signs in with a client secret. */
  public FakeAzure client(String clientId, String clientSecret) {
    clientSecrets.put(clientId, clientSecret);
    return this;
  }

  /** The vault's URL, which is also the authority host. */
  public String vaultUrl() {
    return "https://127.0.0.1:" + https.getAddress().getPort();
  }

  /** For {@code IDENTITY_ENDPOINT}, with {@link #IDENTITY_HEADER} as {@code IDENTITY_HEADER}. */
  public String managedIdentityEndpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/msi/token";
  }

  /** The id the vault gives a secret: its URL with its version. */
  public String secretId(String name) {
    return vaultUrl() + "/secrets/" + name + "/" + secrets.get(name).version();
  }

  /** When every secret's version was created. */
  public Instant created() {
    return created;
  }

  /** Every access token issued, by the token endpoint and the managed identity endpoint. */
  public List<String> issuedTokens() {
    return List.copyOf(issued);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    https.stop(0);
    http.stop(0);
  }

  private void vaultOrTokenEndpoint(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request(exchange.getRequestMethod(), path, authorization));
    if (path.endsWith("/oauth2/v2.0/token")) {
      token(exchange, form(body));
    } else if (path.startsWith("/secrets/")) {
      secret(exchange, path, authorization);
    } else {
      send(exchange, 404, "{}", Map.of());
    }
  }

  private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
    String clientId = form.get("client_id");
    String expected = clientId == null ? null : clientSecrets.get(clientId);
    if (expected == null || !expected.equals(form.get("client_secret"))) {
      send(
          exchange,
          401,
          "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\","
              + "\"error_codes\":[7000215]}",
          Map.of());
      return;
    }
    send(
        exchange,
        200,
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":"
            + quote(issue(clientId, 3599))
            + "}",
        Map.of());
  }

  private void secret(HttpExchange exchange, String path, String authorization) throws IOException {
    if (authorization == null || !issued.contains(authorization.substring("Bearer ".length()))) {
      String challenge =
          "Bearer authorization=\""
              + vaultUrl()
              + "/"
              + TENANT
              + "\", resource=\""
              + VAULT_RESOURCE
              + "\"";
      send(
          exchange,
          401,
          "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000\"}}",
          Map.of("WWW-Authenticate", challenge));
      return;
    }
    String name = path.split("/")[2];
    Secret secret = secrets.get(name);
    if (secret == null) {
      send(
          exchange,
          404,
          "{\"error\":{\"code\":\"SecretNotFound\",\"message\":\"A secret with (name/id) "
              + name
              + " was not found in this key vault.\"}}",
          Map.of());
      return;
    }
    String expiry = secret.expires() == null ? "" : ",\"exp\":" + secret.expires().getEpochSecond();
    send(
        exchange,
        200,
        "{\"value\":"
            + quote(secret.value())
            + ",\"id\":"
            + quote(secretId(name))
            + ",\"attributes\":{"
            + "\"enabled\":true,\"created\":"
            + created.getEpochSecond()
            + ",\"updated\":"
            + created.getEpochSecond()
            + expiry
            + ",\"recoveryLevel\":\"Recoverable+Purgeable\","
            + "\"recoverableDays\":90},\"tags\":{},\"contentType\":\"text/plain\"}",
        Map.of());
  }

  private void managedIdentity(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    requests.add(new Request("GET", exchange.getRequestURI().toString(), null));
    if (!IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
      send(exchange, 400, "{\"error\":\"invalid_request\"}", Map.of());
      return;
    }
    String token = issue("managed-identity", 86_400);
    long expiresOn = Instant.now().plusSeconds(86_400).getEpochSecond();
    send(
        exchange,
        200,
        "{\"access_token\":"
            + quote(token)
            + ",\"expires_on\":\""
            + expiresOn
            + "\",\"resource\":"
            + quote(VAULT_RESOURCE)
            + ",\"token_type\":\"Bearer\",\"client_id\":\"mi-client-456\"}",
        Map.of());
  }

  private String issue(String appId, long lifetimeSeconds) {
    long now = Instant.now().getEpochSecond();
    String token =
        FakeJwt.of(
            "RS256",
            "{\"aud\":"
                + quote(VAULT_RESOURCE)
                + ",\"iss\":\"https://sts.windows.net/"
                + TENANT
                + "/\",\"iat\":"
                + now
                + ",\"nbf\":"
                + now
                + ",\"exp\":"
                + (now + lifetimeSeconds)
                + ",\"appid\":"
                + quote(appId)
                + ",\"tid\":\""
                + TENANT
                + "\",\"uti\":"
                + quote(FakeJwt.randomId())
                + ",\"ver\":\"1.0\"}");
    issued.add(token);
    return token;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String field : body.split("&")) {
      int equals = field.indexOf('=');
      if (equals > 0) {
        fields.put(
            URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  private static void send(
      HttpExchange exchange, int status, String json, Map<String, String> headers)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
