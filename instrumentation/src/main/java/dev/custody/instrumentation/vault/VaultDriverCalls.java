package dev.custody.instrumentation.vault;

import static dev.custody.instrumentation.vaultshared.VaultCredentials.PROVIDER;

import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.Credentials;
import dev.custody.instrumentation.vaultshared.VaultCall;
import dev.custody.instrumentation.vaultshared.VaultCredentials;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the vault-java-driver advice records: each logical read, database credentials request and
 * login as a {@code fetch vault {path}} span, each token and lease revocation as a {@code revoke
 * vault token}, {@code revoke vault lease} or {@code revoke vault leases {prefix}} span, around the
 * HTTP call they make. The driver returns most 4xx answers instead of throwing them: such a read is
 * a failed fetch all the same.
 */
public final class VaultDriverCalls {

  private static final CredentialSpans SPANS = new CredentialSpans("dev.custody.vault-java-driver");

  private VaultDriverCalls() {}

  /**
   * Before a read of {@code path} (a logical path, or the database mount's {@code creds/<role>}).
   */
  public static VaultCall startRead(String path) {
    return VaultCall.start(
        SPANS, Context.current(), CredentialOperation.fetch(PROVIDER, path).on(path));
  }

  /**
   * After a read returned {@code response} or threw {@code error}; {@code config} holds the token
   * it presented.
   */
  public static void endRead(
      VaultCall call, VaultConfig config, LogicalResponse response, Throwable error) {
    if (response == null || error != null) {
      call.end(null, error);
      return;
    }
    int status = response.getRestResponse().getStatus();
    if (status >= 400) {
      call.failWithStatus(status);
      return;
    }
    call.end(
        () ->
            CredentialSpans.Obtained.of(
                readFacts(call, config, response), response.getData().values()));
  }

  private static CredentialFacts readFacts(
      VaultCall call, VaultConfig config, LogicalResponse response) {
    return VaultCredentials.read(
        call.operation().credentialId(),
        response.getLeaseId(),
        response.getLeaseDuration(),
        response.getRenewable(),
        kvVersion(body(response.getRestResponse().getBody())),
        config.getToken());
  }

  /**
   * Before a login by {@code method}, the innermost overload of its auth method, with its {@code
   * arguments}.
   */
  public static VaultCall startLogin(String method, Object[] arguments) {
    String path = loginPath(method, arguments);
    return VaultCall.start(
        SPANS, Context.current(), CredentialOperation.fetch(PROVIDER, path).on(loginName(path)));
  }

  /** A login path as a span name says it: without the user name a userpass login ends with. */
  static String loginName(String path) {
    int login = path == null ? -1 : path.indexOf("/login/");
    return login < 0 ? path : path.substring(0, login + "/login".length());
  }

  public static void endLogin(VaultCall call, AuthResponse response, Throwable error) {
    if (response == null || error != null) {
      call.end(null, error);
      return;
    }
    call.end(
        () ->
            CredentialSpans.Obtained.of(
                tokenFacts(call, response), List.of(response.getAuthClientToken())));
  }

  private static CredentialFacts tokenFacts(VaultCall call, AuthResponse response) {
    JsonValue auth = body(response.getRestResponse().getBody()).get("auth");
    JsonValue entityId = auth == null || !auth.isObject() ? null : auth.asObject().get("entity_id");
    return VaultCredentials.login(
        call.operation().credentialId(),
        response.getTokenAccessor(),
        entityId == null || !entityId.isString() ? null : entityId.asString(),
        response.getAuthLeaseDuration(),
        response.isAuthRenewable());
  }

  /**
   * Before the token in {@code config} revokes itself: the credential a login in this JVM obtained
   * it as.
   */
  public static VaultCall startRevokeSelf(VaultConfig config) {
    String credential = VaultCredentials.tokenCredential(config.getToken());
    return VaultCall.start(
        SPANS, Context.current(), CredentialOperation.revoke(PROVIDER, credential).on("token"));
  }

  /** Before the revocation of a lease. */
  public static VaultCall startRevokeLease(String leaseId) {
    return VaultCall.start(
        SPANS, Context.current(), CredentialOperation.revoke(PROVIDER, leaseId).on("lease"));
  }

  /** Before the revocation of every lease under a prefix (a path, so the name may say it). */
  public static VaultCall startRevokePrefix(String prefix) {
    return VaultCall.start(
        SPANS,
        Context.current(),
        CredentialOperation.revoke(PROVIDER, prefix).on("leases " + prefix));
  }

  /**
   * After a revocation; one by prefix ({@code revokePrefix}, {@code revokeForce}) ends every lease
   * under it.
   */
  public static void endRevoke(VaultCall call, boolean byPrefix, Throwable error) {
    call.end(null, error);
    if (byPrefix && error == null) {
      Credentials.revokedUnder(call.operation().credentialId());
    }
  }

  /**
   * The endpoint an innermost login overload calls, from its mount argument or the auth method's
   * default mount: the id of the token it fetches until the answer names it by its accessor.
   */
  static String loginPath(String method, Object[] arguments) {
    return switch (method) {
      case "loginByAppRole" -> "auth/" + arguments[0] + "/login";
      case "loginByAppID" -> "auth/" + arguments[0];
      case "loginByUserPass" ->
          "auth/" + mount(arguments[2], "userpass") + "/login/" + arguments[0];
      case "loginByJwt" -> arguments[3] + "/login";
      case "loginByGithub" -> "auth/" + mount(arguments[1], "github") + "/login";
      case "loginByCert" -> "auth/" + mount(arguments[0], "cert") + "/login";
      case "loginByAwsEc2", "loginByAwsIam" ->
          "auth/" + mount(arguments[arguments.length - 1], "aws") + "/login";
      case "createToken" -> "auth/" + mount(arguments[1], "token") + "/create";
      default -> null;
    };
  }

  private static Object mount(Object argument, String defaultMount) {
    return argument != null ? argument : defaultMount;
  }

  /**
   * The version of a KV version 2 secret: {@code data.metadata.version}, which 5.x drivers do not
   * expose.
   */
  private static String kvVersion(JsonObject body) {
    JsonValue data = body.get("data");
    JsonValue metadata = data == null || !data.isObject() ? null : data.asObject().get("metadata");
    JsonValue version =
        metadata == null || !metadata.isObject() ? null : metadata.asObject().get("version");
    return version == null || !version.isNumber() ? null : version.toString();
  }

  private static JsonObject body(byte[] body) {
    try {
      JsonValue parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
      return parsed.isObject() ? parsed.asObject() : new JsonObject();
    } catch (RuntimeException notJson) {
      return new JsonObject();
    }
  }
}
