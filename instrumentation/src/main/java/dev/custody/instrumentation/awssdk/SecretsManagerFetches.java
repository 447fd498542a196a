package dev.custody.instrumentation.awssdk;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_FAILED_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_KIND;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OBTAINED_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;

import dev.custody.core.SpanNames;
import dev.custody.core.credentials.CredentialAttributes;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import dev.custody.core.credentials.Credentials;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The secrets Secrets Manager calls return: static secrets, named by their ARN, versioned, that
 * never expire (an audit finding in itself). Their values go to the scrubber and stand for the
 * secret in later calls. The agent's span of a {@code GetSecretValue} is renamed for what it did,
 * {@code fetch aws-secretsmanager {secret name}}.
 */
final class SecretsManagerFetches {

  static final String SERVICE = "SecretsManager";
  static final String PROVIDER = "aws-secretsmanager";
  static final String KIND = "secret";

  private SecretsManagerFetches() {}

  static void answered(AwsCall call, Object answer) {
    switch (call.operation()) {
      case "GetSecretValue" -> {
        String name = SdkFields.string(answer, "Name");
        call.span().updateName(fetchName(name != null ? name : SdkFields.string(answer, "ARN")));
        Obtained secret = secret(answer);
        Credentials.obtained(
            call.span(), call.context(), secret.facts(), secret.secretValues(), List.of());
      }
      case "BatchGetSecretValue" -> answeredBatch(call, answer);
      default -> {}
    }
  }

  /** Names the secrets a failed fetch asked for. */
  static void failed(AwsCall call, Object request, Throwable error) {
    switch (call.operation()) {
      case "GetSecretValue" -> {
        String secretId = SdkFields.string(request, "SecretId");
        call.span().updateName(fetchName(secretId));
        call.fetchFailed(PROVIDER, KIND, secretId, error);
      }
      case "BatchGetSecretValue" -> {
        call.fetchFailed(PROVIDER, KIND, null, error);
        for (Object secretId : SdkFields.list(request, "SecretIdList")) {
          failedEvent(call.span(), String.valueOf(secretId), error.getClass().getName());
        }
      }
      default -> {}
    }
  }

  /**
   * One span for several secrets: each returned secret is an event with its facts and counts for
   * the case; each secret it could not return is an event with its error code.
   */
  private static void answeredBatch(AwsCall call, Object answer) {
    Span span = call.span();
    markSecretFetch(span);
    for (Object entry : SdkFields.list(answer, "SecretValues")) {
      Obtained secret = secret(entry);
      span.addEvent(CREDENTIAL_OBTAINED_EVENT, CredentialAttributes.of(secret.facts()));
      Credentials.remember(span, call.context(), secret.facts(), secret.secretValues(), List.of());
    }
    for (Object error : SdkFields.list(answer, "Errors")) {
      failedEvent(span, SdkFields.string(error, "SecretId"), SdkFields.string(error, "ErrorCode"));
    }
  }

  /**
   * A returned secret (an answer, or an entry of a batch): its facts, and its value with the secret
   * members of a JSON value ({@code password}...), which applications use alone.
   */
  private static Obtained secret(Object answer) {
    String arn = SdkFields.string(answer, "ARN");
    CredentialFacts facts =
        CredentialFacts.builder(
                PROVIDER, KIND, arn != null ? arn : SdkFields.string(answer, "Name"))
            .version(SdkFields.string(answer, "VersionId"))
            .issuedAt(SdkFields.instant(answer, "CreatedDate"))
            .neverExpires()
            .build();
    List<String> values = new ArrayList<>();
    addWithSecretMembers(values, SdkFields.string(answer, "SecretString"));
    if (SdkFields.get(answer, "SecretBinary") instanceof SdkBytes binary) {
      addWithSecretMembers(values, utf8(binary));
    }
    return Obtained.of(facts, values);
  }

  /**
   * {@code fetch aws-secretsmanager {name}}: a secret's name, or the name an ARN ends with (without
   * the six characters Secrets Manager appends).
   */
  static String fetchName(String secretId) {
    String name = secretId;
    int secret = name == null || !name.startsWith("arn:") ? -1 : name.indexOf(":secret:");
    if (secret >= 0) {
      name = name.substring(secret + ":secret:".length()).replaceFirst("-[A-Za-z0-9]{6}$", "");
    }
    return SpanNames.of("fetch", PROVIDER, name);
  }

  private static void markSecretFetch(Span span) {
    span.setAttribute(CREDENTIAL_PROVIDER, PROVIDER);
    span.setAttribute(CREDENTIAL_KIND, KIND);
  }

  private static void failedEvent(Span span, String secretId, String errorType) {
    span.addEvent(
        CREDENTIAL_FAILED_EVENT,
        Attributes.of(
            CREDENTIAL_ID, String.valueOf(secretId), ERROR_TYPE, String.valueOf(errorType)));
  }

  private static void addWithSecretMembers(List<String> values, String value) {
    if (value != null) {
      values.add(value);
      values.addAll(SecretMembers.of(value));
    }
  }

  /** The binary as text when it is UTF-8, as a secret stored as bytes usually is; else null. */
  private static String utf8(SdkBytes binary) {
    try {
      return binary.asUtf8String();
    } catch (UncheckedIOException notText) {
      return null;
    }
  }
}
