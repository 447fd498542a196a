package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Amazon Verified Permissions endpoint for SDK clients built with {@code endpointOverride}
 * (AWS JSON 1.0, {@code X-Amz-Target: VerifiedPermissions.IsAuthorized}, {@code
 * .IsAuthorizedWithToken}, {@code .BatchIsAuthorized}): a principal with a scripted permit is
 * allowed by {@link #PERMIT_POLICY}, anyone else is denied by {@link #FORBID_POLICY}; a request
 * with a token is decided for {@link #TOKEN_PRINCIPAL}. Requests are recorded by operation.
 */
public final class ScriptedVerifiedPermissionsServer
    extends ScriptedServer<
        ScriptedVerifiedPermissionsServer, ScriptedVerifiedPermissionsServer.Request> {

  /** A request: {@code VerifiedPermissions.IsAuthorized}...; its body. */
  public record Request(String operation, String body) {}

  public static final String PERMIT_POLICY = "SPpermitOwnOrders00001";
  public static final String FORBID_POLICY = "SPforbidOthers0000001";
  public static final String TOKEN_PRINCIPAL = "us-east-1_desk|carol";

  private static final Pattern PRINCIPAL =
      Pattern.compile("\"principal\":\\{\"entityType\":\"[^\"]*\",\"entityId\":\"([^\"]*)\"\\}");

  private final Set<String> permitted = ConcurrentHashMap.newKeySet();

  private ScriptedVerifiedPermissionsServer() throws IOException {
    super(
        "scripted-avp",
        (exchange, body) ->
            new Request(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body));
    handle("/", this::answer);
  }

  public static ScriptedVerifiedPermissionsServer start() throws IOException {
    ScriptedVerifiedPermissionsServer server = new ScriptedVerifiedPermissionsServer();
    server.listen();
    return server;
  }

  /** Permits every request of the principal with entity id {@code principal}. */
  public ScriptedVerifiedPermissionsServer permit(String principal) {
    permitted.add(principal);
    return this;
  }

  /** The endpoint to give the SDK's clients. */
  public String endpoint() {
    return url("");
  }

  private void answer(HttpExchange exchange, String body) throws IOException {
    String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
    String answer =
        switch (target) {
          case "VerifiedPermissions.IsAuthorized" -> decision(principals(body).get(0));
          case "VerifiedPermissions.IsAuthorizedWithToken" ->
              decision(TOKEN_PRINCIPAL)
                  .replaceFirst(
                      "}$",
                      ",\"principal\":{\"entityType\":\"Desk::User\",\"entityId\":"
                          + quote(TOKEN_PRINCIPAL)
                          + "}}");
          case "VerifiedPermissions.BatchIsAuthorized" -> batch(body);
          default -> null;
        };
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (answer == null) {
      respond(
          exchange,
          400,
          "application/x-amz-json-1.0",
          "{\"__type\":\"UnknownOperationException\",\"message\":" + quote(target) + "}");
    } else {
      respond(exchange, "application/x-amz-json-1.0", answer);
    }
  }

  private String batch(String body) {
    StringJoiner results = new StringJoiner(",", "{\"results\":[", "]}");
    for (String principal : principals(body)) {
      results.add(
          decision(principal)
              .replaceFirst(
                  "^\\{",
                  "{\"request\":{\"principal\":{\"entityType\":\"Desk::User\",\"entityId\":"
                      + quote(principal)
                      + "},\"action\":{\"actionType\":\"Desk::Action\",\"actionId\":\"read\"},"
                      + "\"resource\":{\"entityType\":\"Desk::Orders\",\"entityId\":\"all\"}},"));
    }
    return results.toString();
  }

  private String decision(String principal) {
    boolean allowed = permitted.contains(principal);
    return "{\"decision\":"
        + quote(allowed ? "ALLOW" : "DENY")
        + ",\"determiningPolicies\":[{\"policyId\":"
        + quote(allowed ? PERMIT_POLICY : FORBID_POLICY)
        + "}],\"errors\":[]}";
  }

  private static List<String> principals(String body) {
    List<String> principals = new ArrayList<>();
    Matcher principal = PRINCIPAL.matcher(body);
    while (principal.find()) {
      principals.add(principal.group(1));
    }
    return principals;
  }
}
