package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local AWS endpoint for SDK clients built with {@code endpointOverride}: Secrets Manager (AWS
 * JSON 1.1, {@code X-Amz-Target: secretsmanager.GetSecretValue} and {@code .BatchGetSecretValue})
 * serving the scripted secrets, and STS (the query protocol: {@code AssumeRole}, {@code
 * AssumeRoleWithWebIdentity}, {@code AssumeRoleWithSAML}, {@code GetSessionToken}, {@code
 * GetFederationToken}) issuing fresh sessions that last the requested {@code DurationSeconds} (any
 * length, unlike AWS) or an hour. Unknown secrets are {@code ResourceNotFoundException}s, denied
 * roles {@code AccessDenied}. Requests are recorded with the access key id that signed them.
 */
public final class ScriptedAwsServer
    extends ScriptedServer<ScriptedAwsServer, ScriptedAwsServer.Request> {

  /**
   * A request: {@code secretsmanager.GetSecretValue}, {@code sts.AssumeRole}...; who signed it (or
   * null); its body.
   */
  public record Request(String operation, String signedBy, String body) {}

  /** A session STS issued, with the values that must never leave the application. */
  public record Session(
      String roleArn, String accessKeyId, String secretAccessKey, String sessionToken) {}

  public static final String ACCOUNT = "123456789012";

  private static final Pattern SIGNED_BY = Pattern.compile("Credential=([^/]+)/");
  private static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final Map<String, String> secrets = new HashMap<>();
  private final Set<String> deniedRoles = new HashSet<>();
  private final List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requestIds = new AtomicInteger();
  private final AtomicInteger accessKeyIds = new AtomicInteger();

  private ScriptedAwsServer() throws IOException {
    super("scripted-aws", ScriptedAwsServer::record);
    handle("/", this::answer);
  }

  public static ScriptedAwsServer start() throws IOException {
    ScriptedAwsServer server = new ScriptedAwsServer();
    server.listen();
    return server;
  }

  /** Serves a secret under its name (and its ARN), with version {@code AWSCURRENT}. */
  public synchronized ScriptedAwsServer secret(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /** Answers every assumption of {@code roleArn} with {@code AccessDenied} (HTTP 403). */
  public synchronized ScriptedAwsServer denyRole(String roleArn) {
    deniedRoles.add(roleArn);
    return this;
  }

  /** The endpoint to give the SDK's clients. */
  public String endpoint() {
    return url("");
  }

  public static String secretArn(String name) {
    return "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:" + name + "-AbCdEf";
  }

  public static String roleArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  /** Every session issued so far, in order. */
  public List<Session> sessions() {
    synchronized (sessions) {
      return List.copyOf(sessions);
    }
  }

  private static Request record(HttpExchange exchange, String body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation = target != null ? target : "sts." + form(body).getOrDefault("Action", "");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher signedBy = SIGNED_BY.matcher(authorization == null ? "" : authorization);
    return new Request(operation, signedBy.find() ? signedBy.group(1) : null, body);
  }

  private void answer(HttpExchange exchange, String body) throws IOException {
    String requestId = "req-" + requestIds.incrementAndGet();
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target != null) {
      answerSecretsManager(exchange, target, body);
    } else {
      answerSts(exchange, form(body), requestId);
    }
  }

  private synchronized void answerSecretsManager(HttpExchange exchange, String target, String body)
      throws IOException {
    String type = "application/x-amz-json-1.1";
    switch (target) {
      case "secretsmanager.GetSecretValue" -> {
        String name = secretName(String.join("", jsonStrings(body, "SecretId")));
        if (secrets.containsKey(name)) {
          respond(exchange, type, secretValue(name));
        } else {
          respond(
              exchange,
              400,
              type,
              "{\"__type\":\"ResourceNotFoundException\",\"message\":"
                  + quote("Secrets Manager can't find the specified secret.")
                  + "}");
        }
      }
      case "secretsmanager.BatchGetSecretValue" -> {
        List<String> values = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String secretId : jsonStrings(body, "SecretIdList")) {
          if (secrets.containsKey(secretName(secretId))) {
            values.add(secretValue(secretName(secretId)));
          } else {
            errors.add(
                "{\"SecretId\":"
                    + quote(secretId)
                    + ",\"ErrorCode\":\"ResourceNotFoundException\","
                    + "\"Message\":\"Secrets Manager can't find the specified secret.\"}");
          }
        }
        respond(
            exchange,
            type,
            "{\"SecretValues\":["
                + String.join(",", values)
                + "],\"Errors\":["
                + String.join(",", errors)
                + "]}");
      }
      default ->
          respond(
              exchange,
              400,
              type,
              "{\"__type\":\"InvalidRequestException\",\"message\":"
                  + quote("not scripted: " + target)
                  + "}");
    }
  }

  private String secretValue(String name) {
    return "{\"ARN\":"
        + quote(secretArn(name))
        + ",\"Name\":"
        + quote(name)
        + ",\"VersionId\":\"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111\",\"SecretString\":"
        + quote(secrets.get(name))
        + ",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.523477145713E9}";
  }

  private void answerSts(HttpExchange exchange, Map<String, String> form, String requestId)
      throws IOException {
    String action = form.getOrDefault("Action", "");
    String roleArn = form.get("RoleArn");
    if (roleArn != null && isDenied(roleArn)) {
      respond(
          exchange,
          403,
          "text/xml",
          "<ErrorResponse xmlns=\""
              + STS_NAMESPACE
              + "\"><Error><Type>Sender</Type>"
              + "<Code>AccessDenied</Code><Message>not authorized to perform sts:"
              + action
              + " on "
              + roleArn
              + "</Message></Error><RequestId>"
              + requestId
              + "</RequestId></ErrorResponse>");
      return;
    }
    String session = form.getOrDefault("RoleSessionName", "session");
    String assumedRoleUser =
        roleArn == null
            ? ""
            : "<AssumedRoleUser><Arn>arn:aws:sts::"
                + ACCOUNT
                + ":assumed-role/"
                + roleArn.substring(roleArn.lastIndexOf('/') + 1)
                + "/"
                + session
                + "</Arn>"
                + "<AssumedRoleId>AROA3XFRBF535PLBIFPI4:"
                + session
                + "</AssumedRoleId></AssumedRoleUser>";
    String credentials =
        issue(roleArn, Long.parseLong(form.getOrDefault("DurationSeconds", "3600")));
    String result =
        switch (action) {
          case "AssumeRole" ->
              credentials + assumedRoleUser + "<PackedPolicySize>6</PackedPolicySize>";
          case "AssumeRoleWithWebIdentity" ->
              "<SubjectFromWebIdentityToken>amzn1.account.AF6RHO7KZU5XRVQJ"
                  + "</SubjectFromWebIdentityToken><Audience>client.apps.example.com</Audience>"
                  + credentials
                  + assumedRoleUser
                  + "<Provider>www.amazon.com</Provider>";
          case "AssumeRoleWithSAML" ->
              "<Issuer>https://idp.example.com/saml</Issuer>"
                  + "<Audience>https://signin.aws.amazon.com/saml</Audience>"
                  + credentials
                  + assumedRoleUser
                  + "<SubjectType>transient</SubjectType><Subject>SamlExample</Subject>";
          case "GetSessionToken" -> credentials;
          case "GetFederationToken" ->
              credentials
                  + "<FederatedUser><Arn>arn:aws:sts::"
                  + ACCOUNT
                  + ":federated-user/"
                  + form.get("Name")
                  + "</Arn><FederatedUserId>"
                  + ACCOUNT
                  + ":"
                  + form.get("Name")
                  + "</FederatedUserId></FederatedUser><PackedPolicySize>6</PackedPolicySize>";
          default -> null;
        };
    if (result == null) {
      respond(
          exchange,
          400,
          "text/xml",
          "<ErrorResponse xmlns=\""
              + STS_NAMESPACE
              + "\"><Error><Type>Sender</Type>"
              + "<Code>InvalidAction</Code><Message>not scripted: "
              + action
              + "</Message></Error><RequestId>"
              + requestId
              + "</RequestId></ErrorResponse>");
      return;
    }
    respond(
        exchange,
        "text/xml",
        "<"
            + action
            + "Response xmlns=\""
            + STS_NAMESPACE
            + "\"><"
            + action
            + "Result>"
            + result
            + "</"
            + action
            + "Result><ResponseMetadata><RequestId>"
            + requestId
            + "</RequestId></ResponseMetadata></"
            + action
            + "Response>");
  }

  private synchronized boolean isDenied(String roleArn) {
    return deniedRoles.contains(roleArn);
  }

  /**
   * New keys, shaped like AWS's (a 20-character access key id), and values no scrubber pattern
   * would catch.
   */
  private String issue(String roleArn, long durationSeconds) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Session session =
        new Session(
            roleArn,
            String.format("ASIACUSTODYFAKE%05d", accessKeyIds.incrementAndGet()),
            "fake-secret-access-key-" + Long.toHexString(random.nextLong()),
            "fake-session-token-" + Long.toHexString(random.nextLong()));
    sessions.add(session);
    Instant expiration = Instant.now().plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS);
    return "<Credentials><AccessKeyId>"
        + session.accessKeyId()
        + "</AccessKeyId><SecretAccessKey>"
        + session.secretAccessKey()
        + "</SecretAccessKey><SessionToken>"
        + session.sessionToken()
        + "</SessionToken><Expiration>"
        + expiration
        + "</Expiration></Credentials>";
  }

  /**
   * A secret's name from a name or an ARN (whose name ends with a dash and six random characters).
   */
  private static String secretName(String secretId) {
    return secretId.replaceAll("^arn:.*:secret:", "").replaceAll("-[A-Za-z0-9]{6}$", "");
  }

  /**
   * The string, or strings of the array, of a member of a JSON request; just enough for the SDK's
   * requests.
   */
  private static List<String> jsonStrings(String json, String member) {
    Matcher value =
        Pattern.compile("\"" + member + "\"\\s*:\\s*(\\[[^\\]]*\\]|\"[^\"]*\")").matcher(json);
    List<String> strings = new ArrayList<>();
    if (value.find()) {
      Matcher string = Pattern.compile("\"([^\"]*)\"").matcher(value.group(1));
      while (string.find()) {
        strings.add(string.group(1));
      }
    }
    return strings;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return form;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
