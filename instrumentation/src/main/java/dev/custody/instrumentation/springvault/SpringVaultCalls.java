package dev.custody.instrumentation.springvault;

import static dev.custody.instrumentation.vaultshared.VaultCredentials.PROVIDER;

import dev.custody.core.cases.CaseIds;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.instrumentation.vaultshared.VaultCall;
import dev.custody.instrumentation.vaultshared.VaultCredentials;
import io.opentelemetry.context.Context;
import io.opentelemetry.javaagent.bootstrap.CallDepth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LoginToken;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.core.lease.domain.Lease;
import org.springframework.vault.core.lease.domain.RequestedSecret;
import org.springframework.vault.support.VaultResponseSupport;
import org.springframework.vault.support.VaultToken;

/**
 * What the Spring Vault advice records. Each {@code VaultTemplate.read} (the lease container's
 * included) is a {@code fetch vault {path}} span around its HTTP call, each login a {@code fetch
 * vault login}. The lease container's lifecycle: a lease it gives up renewing is an {@code expire
 * vault lease} span, a lease it replaces a {@code rotate vault lease} span whose child is the fetch
 * of the new lease, a lease it revokes a {@code revoke vault lease} span; a token the session
 * manager revokes is a {@code revoke vault token}. These run on scheduler threads or at shutdown,
 * outside any case: each is a trace of its own, linked to the fetch of what it ends and carrying
 * the id of the case that made it, rather than a part of the scheduler's endless chain of tasks (a
 * revocation the caller makes inside a case is in that case).
 */
public final class SpringVaultCalls {

  private static final CredentialSpans SPANS = new CredentialSpans("dev.custody.spring-vault");

  private SpringVaultCalls() {}

  /**
   * Before a read of {@code path}; Vault's own paths ({@code sys/...}, the container's mount
   * lookups) are not.
   */
  public static VaultCall startRead(String path) {
    if (path == null || path.startsWith("sys/")) {
      return null;
    }
    return VaultCall.start(
        SPANS, Context.current(), CredentialOperation.fetch(PROVIDER, path).on(path));
  }

  /**
   * After a read returned {@code response} (null when Vault answered 404) or threw {@code error}.
   */
  public static void endRead(
      VaultCall call, Object sessionManager, VaultResponseSupport<?> response, Throwable error) {
    if (error != null) {
      call.end(null, error);
      return;
    }
    if (response == null) {
      call.failWithStatus(404);
      return;
    }
    call.end(() -> read(call.operation().credentialId(), response, sessionToken(sessionManager)));
  }

  private static CredentialSpans.Obtained read(
      String path, VaultResponseSupport<?> response, String token) {
    Object data = response.getData();
    Map<?, ?> metadata = kv2Metadata(data);
    Object secret = metadata == null ? data : ((Map<?, ?>) data).get("data");
    Object version = metadata == null ? null : metadata.get("version");
    CredentialFacts facts =
        VaultCredentials.read(
            path,
            response.getLeaseId(),
            response.getLeaseDuration(),
            response.isRenewable(),
            version == null ? null : version.toString(),
            token);
    return CredentialSpans.Obtained.of(facts, values(secret, new ArrayList<>()));
  }

  /** Before a login; null inside another (an authentication that wraps one). */
  public static VaultCall startLogin() {
    if (CallDepth.forClass(ClientAuthentication.class).getAndIncrement() > 0) {
      return null;
    }
    return VaultCall.start(
        SPANS, Context.current(), CredentialOperation.fetch(PROVIDER, null).on("login"));
  }

  /**
   * After a login returned {@code token} or threw {@code error}: a login token is named by its
   * accessor.
   */
  public static void endLogin(VaultCall call, VaultToken token, Throwable error) {
    if (CallDepth.forClass(ClientAuthentication.class).decrementAndGet() > 0 || call == null) {
      return;
    }
    if (error != null || !(token instanceof LoginToken login) || login.getAccessor() == null) {
      // a token Vault did not describe (no accessor, no lease) is not a credential Custody can name
      call.end(null, error);
      return;
    }
    call.end(
        () ->
            CredentialSpans.Obtained.of(
                VaultCredentials.login(
                    null,
                    login.getAccessor(),
                    call.entityId(),
                    login.getLeaseDuration().getSeconds(),
                    login.isRenewable()),
                List.of(login.getToken())));
  }

  /**
   * Vault's answer to a login, as Spring Vault reads it: it names the identity entity Spring Vault
   * drops.
   */
  public static void loginAnswered(Map<String, ?> auth) {
    VaultCall call = VaultCall.current();
    if (call != null
        && auth != null
        && auth.get("entity_id") instanceof String entityId
        && !entityId.isEmpty()) {
      call.entityId(entityId);
    }
  }

  /**
   * Before the lease container handles the end of {@code lease}: in rotating mode it replaces the
   * lease (a rotation, the new lease fetched inside), else it stops renewing it and lets it run out
   * (an expiry). Always a trace of its own: the container's scheduler runs it, in the context of
   * the task that scheduled the lease's renewal, which may be a case long over.
   */
  public static VaultCall startLeaseEnd(RequestedSecret secret, Lease lease) {
    String id = leaseId(secret, lease);
    CredentialOperation operation =
        secret.getMode() == RequestedSecret.Mode.ROTATE
            ? CredentialOperation.rotate(PROVIDER, id)
            : CredentialOperation.expire(PROVIDER, id);
    return VaultCall.start(SPANS, Context.root(), operation.on("lease"));
  }

  /** Before the lease container revokes {@code lease}. */
  public static VaultCall startLeaseRevocation(RequestedSecret secret, Lease lease) {
    return VaultCall.start(
        SPANS,
        lifecycleParent(),
        CredentialOperation.revoke(PROVIDER, leaseId(secret, lease)).on("lease"));
  }

  /**
   * Before the session manager revokes {@code token}: the credential a login in this JVM obtained
   * it as.
   */
  public static VaultCall startTokenRevocation(VaultToken token) {
    String credential = token == null ? null : VaultCredentials.tokenCredential(token.getToken());
    return VaultCall.start(
        SPANS, lifecycleParent(), CredentialOperation.revoke(PROVIDER, credential).on("token"));
  }

  /**
   * A failure Spring Vault reports to its listeners instead of throwing: a revocation running here
   * failed.
   */
  public static void failureReported(Throwable failure) {
    VaultCall call = VaultCall.current();
    if (call != null && call.operation().name().equals("revoke")) {
      call.swallowedFailure(failure);
    }
  }

  /**
   * The caller's case when there is one (a tool that revokes what it holds), else a trace of its
   * own.
   */
  private static Context lifecycleParent() {
    Context current = Context.current();
    return CaseIds.fromContext(current) != null ? current : Context.root();
  }

  private static String leaseId(RequestedSecret secret, Lease lease) {
    return lease != null && lease.hasLeaseId() ? lease.getLeaseId() : secret.getPath();
  }

  /**
   * The token the template's session presents, already obtained by the read that just succeeded.
   */
  private static String sessionToken(Object sessionManager) {
    try {
      return sessionManager instanceof SessionManager session
          ? session.getSessionToken().getToken()
          : null;
    } catch (RuntimeException noSession) {
      return null;
    }
  }

  /**
   * The metadata of a KV version 2 secret read raw ({@code data} and {@code metadata} with its
   * version), or null.
   */
  private static Map<?, ?> kv2Metadata(Object data) {
    return data instanceof Map<?, ?> map
            && map.get("data") instanceof Map<?, ?>
            && map.get("metadata") instanceof Map<?, ?> metadata
            && metadata.containsKey("version")
        ? metadata
        : null;
  }

  /**
   * Every scalar value in the secret's data, nested ones included; a typed response's object has
   * none to take.
   */
  private static List<String> values(Object data, List<String> values) {
    if (data instanceof Map<?, ?> map) {
      map.values().forEach(value -> values(value, values));
    } else if (data instanceof Collection<?> collection) {
      collection.forEach(value -> values(value, values));
    } else if (data instanceof CharSequence || data instanceof Number || data instanceof Boolean) {
      values.add(data.toString());
    }
    return values;
  }
}
