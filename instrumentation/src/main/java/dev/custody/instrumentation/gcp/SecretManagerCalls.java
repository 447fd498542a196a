package dev.custody.instrumentation.gcp;

import com.google.api.core.ApiFuture;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.custody.core.AgentInternals;
import dev.custody.core.RunningOperation;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * GCP Secret Manager calls, over gRPC or HTTP/JSON, of any API version ({@code v1}, {@code
 * v1beta1}, {@code v1beta2}): each {@code AccessSecretVersion} attempt is a {@code fetch
 * gcp-secretmanager} span around the transport's call, with the version it resolved to ({@code
 * .../versions/latest} becomes {@code .../versions/7}); the payload goes to the scrubber and is
 * linked to it. A secret's expiry is known when the application also read the secret itself ({@code
 * GetSecret}), before: the access then carries it, or {@code expiry=none} when the secret has none.
 */
public final class SecretManagerCalls {

  static final String PROVIDER = "gcp-secretmanager";

  private static final CredentialSpans SPANS = new CredentialSpans("dev.custody.gcp-secretmanager");

  /**
   * What the application read of each secret's expiry, by secret name: the expiry, or {@link
   * Instant#MAX}.
   */
  private static final AgentInternals.Cache<String, Instant> EXPIRIES =
      AgentInternals.boundedCache(1024);

  private SecretManagerCalls() {}

  /**
   * Before a transport call: our fetch span, current during the call, when it accesses a secret
   * version.
   */
  public static RunningOperation<CredentialOperation, Obtained> start(Object request) {
    if (request instanceof Message message && is(message, "AccessSecretVersionRequest")) {
      String name = string(message, "name");
      return RunningOperation.start(
          SPANS, CredentialOperation.fetch(PROVIDER, name).on(secretOf(name)));
    }
    return null;
  }

  /**
   * After the transport call returned its future (or threw): the fetch ends, or a secret read is
   * remembered.
   */
  public static void end(
      RunningOperation<CredentialOperation, Obtained> fetch,
      Object request,
      ApiFuture<?> future,
      Throwable error) {
    if (fetch != null) {
      fetch.leave();
      if (future == null) {
        fetch.end(null, error);
      } else {
        future.addListener(() -> endAccess(fetch, (Message) request, future), Runnable::run);
      }
    } else if (future != null
        && request instanceof Message message
        && is(message, "GetSecretRequest")) {
      future.addListener(() -> rememberExpiry(message, future), Runnable::run);
    }
  }

  private static void endAccess(
      RunningOperation<CredentialOperation, Obtained> fetch, Message request, ApiFuture<?> future) {
    Object response;
    try {
      response = future.get();
    } catch (ExecutionException failed) {
      fetch.end(null, failed.getCause());
      return;
    } catch (InterruptedException | RuntimeException cancelled) {
      fetch.end(null, cancelled);
      return;
    }
    fetch.end(response instanceof Message message ? obtained(request, message) : null, null);
  }

  private static CredentialSpans.Obtained obtained(Message request, Message response) {
    String version = string(response, "name");
    CredentialFacts.Builder facts =
        CredentialFacts.builder(PROVIDER, "secret", version)
            .version(version.substring(version.lastIndexOf('/') + 1));
    Instant expiry = knownExpiry(secretOf(version), secretOf(string(request, "name")));
    if (Instant.MAX.equals(expiry)) {
      facts.neverExpires();
    } else if (expiry != null) {
      facts
          .expiresAt(expiry)
          .ttlSeconds(Math.max(0, Duration.between(Instant.now(), expiry).toSeconds()));
    }
    Object payload = field(response, "payload");
    Object data = payload instanceof Message message ? field(message, "data") : null;
    List<String> values =
        data instanceof ByteString bytes ? List.of(bytes.toStringUtf8()) : List.of();
    return CredentialSpans.Obtained.of(facts.build(), values);
  }

  /**
   * The response names the project by number, the request as the application did: either may have
   * been read.
   */
  private static Instant knownExpiry(String resolvedSecret, String requestedSecret) {
    Instant expiry = EXPIRIES.get(resolvedSecret);
    return expiry != null ? expiry : EXPIRIES.get(requestedSecret);
  }

  private static void rememberExpiry(Message request, ApiFuture<?> future) {
    try {
      if (future.get() instanceof Message secret) {
        FieldDescriptor expireTime = secret.getDescriptorForType().findFieldByName("expire_time");
        Instant expiry =
            expireTime != null
                    && secret.hasField(expireTime)
                    && secret.getField(expireTime) instanceof Timestamp time
                ? Instant.ofEpochSecond(time.getSeconds(), time.getNanos())
                : Instant.MAX;
        EXPIRIES.put(string(secret, "name"), expiry);
        EXPIRIES.put(string(request, "name"), expiry);
      }
    } catch (ExecutionException | InterruptedException | RuntimeException unread) {
      // nothing learned
    }
  }

  /**
   * {@code projects/p/secrets/s} of {@code projects/p/secrets/s/versions/v}: what a fetch's span
   * name says it read, and what an expiry is known by.
   */
  static String secretOf(String version) {
    int versions = version.indexOf("/versions/");
    return versions < 0 ? version : version.substring(0, versions);
  }

  private static boolean is(Message message, String type) {
    String name = message.getDescriptorForType().getFullName();
    return name.startsWith("google.cloud.secretmanager.") && name.endsWith("." + type);
  }

  private static String string(Message message, String field) {
    return field(message, field) instanceof String value ? value : "";
  }

  private static Object field(Message message, String name) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    return field == null ? null : message.getField(field);
  }
}
