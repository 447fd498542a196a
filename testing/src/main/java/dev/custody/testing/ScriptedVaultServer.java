package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HashiCorp Vault that speaks its HTTP API ({@code /v1/...}) as vault-java-driver and
 * Spring Vault use it: logins of any auth method (each issues a new token), token lookup, renewal
 * and revocation, KV version 2 secrets, database credentials under leases, lease renewal and
 * revocation (by id, prefix or force), and the mount lookups of Spring Vault. Every token's policy
 * grants the scripted KV mounts and database roles but the denied paths: a denied path, anything
 * outside them, and any request with an unknown or revoked token is answered 403; a path in a KV
 * mount that holds no secret, 404. A slow path is answered only after its delay. Records every
 * request with the token it presented.
 */
public final class ScriptedVaultServer
    extends ScriptedServer<ScriptedVaultServer, ScriptedVaultServer.Request> {

  /**
   * A request the server received; {@code vaultToken} is its {@code X-Vault-Token} header, or null.
   */
  public record Request(String method, String path, String vaultToken, String body) {}

  /** A token a login issued, and its accessor. */
  public record IssuedToken(String token, String accessor) {}

  /** Database credentials issued under a lease. */
  public record IssuedLease(String leaseId, String username, String password) {}

  /** The identity entity every login authenticates as. */
  public static final String ENTITY_ID = "7d2e3179-f69b-450c-7179-ac8ee8bd8ca9";

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String PERMISSION_DENIED =
      "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}";
  private static final Pattern LEASE_ID = Pattern.compile("\"lease_id\"\\s*:\\s*\"([^\"]+)\"");

  private record Secret(int version, Map<String, String> data) {}

  private record Role(int leaseSeconds, int renewedSeconds) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Map<String, Role> roles = new ConcurrentHashMap<>();
  private final Set<String> kv2Mounts = ConcurrentHashMap.newKeySet();
  private final Set<String> deniedPaths = ConcurrentHashMap.newKeySet();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, String> liveTokens = new ConcurrentHashMap<>();
  private final Map<String, String> roleByLease = new ConcurrentHashMap<>();
  private final List<IssuedToken> issuedTokens = Collections.synchronizedList(new ArrayList<>());
  private final List<IssuedLease> issuedLeases = Collections.synchronizedList(new ArrayList<>());
  private volatile int tokenSeconds = 3600;

  private ScriptedVaultServer() throws IOException {
    super(
        "scripted-vault",
        (exchange, body) ->
            new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("X-Vault-Token"),
                body));
    handle("/v1/", this::answer);
    listen();
  }

  public static ScriptedVaultServer start() throws IOException {
    return new ScriptedVaultServer();
  }

  /** Vault's address to give a client, e.g. {@code http://127.0.0.1:41234}. */
  public String address() {
    return url("");
  }

  /** Serves a KV version 2 secret at {@code <mount>/data/<name>}, as its {@code version}. */
  public ScriptedVaultServer kv2(String mount, String name, int version, Map<String, String> data) {
    kv2Mounts.add(mount);
    secrets.put(mount + "/data/" + name, new Secret(version, Map.copyOf(data)));
    return this;
  }

  /** Denies every token {@code path}, as a policy that does not grant it. */
  public ScriptedVaultServer denied(String path) {
    deniedPaths.add(path);
    return this;
  }

  /** Answers {@code path} as it would, but only after {@code delay}, as a Vault under load. */
  public ScriptedVaultServer slow(String path, Duration delay) {
    delays.put(path, delay);
    return this;
  }

  /**
   * Issues credentials at {@code database/creds/<role>}, each under a new renewable lease of {@code
   * leaseSeconds}; renewing one extends it by {@code renewedSeconds}.
   */
  public ScriptedVaultServer databaseRole(String role, int leaseSeconds, int renewedSeconds) {
    roles.put(role, new Role(leaseSeconds, renewedSeconds));
    return this;
  }

  /** The time to live of the tokens logins issue from now on (3600 s unless set). */
  public ScriptedVaultServer tokenSeconds(int seconds) {
    tokenSeconds = seconds;
    return this;
  }

  public List<IssuedToken> issuedTokens() {
    synchronized (issuedTokens) {
      return List.copyOf(issuedTokens);
    }
  }

  public List<IssuedLease> issuedLeases() {
    synchronized (issuedLeases) {
      return List.copyOf(issuedLeases);
    }
  }

  private void answer(HttpExchange exchange, String body) throws IOException {
    String path = exchange.getRequestURI().getPath().substring("/v1/".length());
    String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
    waitIfSlow(path);
    if (path.startsWith("auth/") && path.matches("auth/.+/login(/.*)?")) {
      json(exchange, 200, login());
    } else if (token == null || !liveTokens.containsKey(token)) {
      json(exchange, 403, PERMISSION_DENIED);
    } else if (path.equals("auth/token/lookup-self")) {
      json(exchange, 200, envelope("", false, 0, lookup(token), "null"));
    } else if (path.equals("auth/token/renew-self")) {
      json(exchange, 200, envelope("", false, 0, "null", auth(token, liveTokens.get(token))));
    } else if (path.equals("auth/token/revoke-self")) {
      liveTokens.remove(token);
      respond(exchange, 204, "application/json", null);
    } else if (path.startsWith("sys/internal/ui/mounts/")) {
      mount(exchange, path.substring("sys/internal/ui/mounts/".length()));
    } else if (path.startsWith("sys/leases/renew")) {
      renew(
          exchange,
          path.equals("sys/leases/renew")
              ? leaseIdIn(body)
              : path.substring("sys/leases/renew/".length()));
    } else if (path.startsWith("sys/leases/revoke")) {
      respond(exchange, 204, "application/json", null);
    } else if (path.startsWith("database/creds/")
        && roles.containsKey(path.substring("database/creds/".length()))) {
      json(exchange, 200, databaseCredentials(path.substring("database/creds/".length())));
    } else if (deniedPaths.contains(path)) {
      json(exchange, 403, PERMISSION_DENIED);
    } else if (secrets.containsKey(path)) {
      json(exchange, 200, secret(secrets.get(path), exchange.getRequestURI().getQuery()));
    } else if (kv2Mounts.contains(mountOf(path))) {
      json(exchange, 404, "{\"errors\":[]}");
    } else {
      json(exchange, 403, PERMISSION_DENIED);
    }
  }

  private void waitIfSlow(String path) throws IOException {
    Duration delay = delays.get(path);
    if (delay == null) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stopped while delaying " + path);
    }
  }

  private String login() {
    String token = "hvs." + randomText(24);
    String accessor = randomText(24);
    liveTokens.put(token, accessor);
    issuedTokens.add(new IssuedToken(token, accessor));
    return envelope("", false, 0, "null", auth(token, accessor));
  }

  private String auth(String token, String accessor) {
    return "{\"client_token\":"
        + quote(token)
        + ",\"accessor\":"
        + quote(accessor)
        + ",\"policies\":[\"default\",\"orders\"],\"token_policies\":[\"default\",\"orders\"],"
        + "\"identity_policies\":null,\"metadata\":{\"role_name\":\"orders\"},\"lease_duration\":"
        + tokenSeconds
        + ",\"renewable\":true,\"entity_id\":\""
        + ENTITY_ID
        + "\",\"token_type\":\"service\",\"orphan\":true,"
        + "\"mfa_requirement\":null,\"num_uses\":0}";
  }

  private String lookup(String token) {
    return "{\"accessor\":"
        + quote(liveTokens.get(token))
        + ",\"creation_time\":1767225600,\"creation_ttl\":"
        + tokenSeconds
        + ",\"display_name\":\"approle\",\"entity_id\":\""
        + ENTITY_ID
        + "\",\"expire_time\":null,"
        + "\"explicit_max_ttl\":0,\"id\":"
        + quote(token)
        + ",\"meta\":{\"role_name\":\"orders\"},\"num_uses\":0,"
        + "\"orphan\":true,\"path\":\"auth/approle/login\",\"policies\":[\"default\",\"orders\"],\"renewable\":true,"
        + "\"ttl\":"
        + tokenSeconds
        + ",\"type\":\"service\"}";
  }

  private void mount(HttpExchange exchange, String path) throws IOException {
    String mount = mountOf(path);
    if (kv2Mounts.contains(mount)) {
      json(
          exchange,
          200,
          envelope("", false, 0, mountInfo(mount, "kv", "{\"version\":\"2\"}"), "null"));
    } else if (mount.equals("database")) {
      json(exchange, 200, envelope("", false, 0, mountInfo(mount, "database", "null"), "null"));
    } else {
      json(exchange, 404, "{\"errors\":[]}");
    }
  }

  private static String mountOf(String path) {
    return path.substring(0, Math.max(path.indexOf('/'), 0));
  }

  private static String mountInfo(String mount, String type, String options) {
    return "{\"path\":\""
        + mount
        + "/\",\"type\":\""
        + type
        + "\",\"options\":"
        + options
        + ",\"description\":\"\"}";
  }

  private void renew(HttpExchange exchange, String leaseId) throws IOException {
    String role = leaseId == null ? null : roleByLease.get(leaseId);
    if (role == null) {
      json(exchange, 400, "{\"errors\":[\"lease not found\"]}");
      return;
    }
    json(exchange, 200, envelope(leaseId, true, roles.get(role).renewedSeconds(), "null", "null"));
  }

  private String databaseCredentials(String role) {
    String leaseId = "database/creds/" + role + "/" + randomText(24);
    IssuedLease lease =
        new IssuedLease(
            leaseId, "v-approle-" + role + "-" + randomText(8), "A1a-" + randomText(20));
    roleByLease.put(leaseId, role);
    issuedLeases.add(lease);
    String data =
        "{\"username\":"
            + quote(lease.username())
            + ",\"password\":"
            + quote(lease.password())
            + "}";
    return envelope(leaseId, true, roles.get(role).leaseSeconds(), data, "null");
  }

  private static String secret(Secret secret, String query) {
    int version =
        query != null && query.startsWith("version=")
            ? Integer.parseInt(query.substring(8))
            : secret.version();
    List<String> fields = new ArrayList<>();
    secret.data().forEach((key, value) -> fields.add(quote(key) + ":" + quote(value)));
    String metadata =
        "{\"created_time\":\"2026-11-02T10:00:00.123456Z\",\"custom_metadata\":null,\"deletion_time\":\"\","
            + "\"destroyed\":false,\"version\":"
            + version
            + "}";
    String data = "{\"data\":{" + String.join(",", fields) + "},\"metadata\":" + metadata + "}";
    return envelope("", false, 0, data, "null");
  }

  private static String envelope(
      String leaseId, boolean renewable, int leaseSeconds, String data, String auth) {
    return "{\"request_id\":\"5e1b3c2a-0d4f-4b8e-9a7c-1f2e3d4c5b6a\",\"lease_id\":"
        + quote(leaseId)
        + ",\"renewable\":"
        + renewable
        + ",\"lease_duration\":"
        + leaseSeconds
        + ",\"data\":"
        + data
        + ",\"wrap_info\":null,\"warnings\":null,\"auth\":"
        + auth
        + "}";
  }

  private static String leaseIdIn(String body) {
    Matcher matcher = LEASE_ID.matcher(body);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, "application/json", body);
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
