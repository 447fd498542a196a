package dev.custody.instrumentation.awssdk;

import dev.custody.core.credentials.CredentialAttributes;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import dev.custody.core.credentials.Credentials;
import dev.custody.core.credentials.WorkloadIdentities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.AwsResponse;

/**
 * The temporary sessions STS calls issue. A role's session is named by the role ARN, a federated
 * user's by its ARN, and a {@code GetSessionToken} session, whose answer names nothing but its
 * keys, by the STS request id (which CloudTrail records with the access key id it issued). The
 * access key id is not exported: it stands for the session in later calls, which are signed with
 * it.
 */
final class StsSessions {

  static final String SERVICE = "Sts";
  static final String PROVIDER = "aws-sts";
  static final String KIND = "session";

  private static final Set<String> SESSION_OPERATIONS =
      Set.of(
          "AssumeRole",
          "AssumeRoleWithWebIdentity",
          "AssumeRoleWithSAML",
          "GetSessionToken",
          "GetFederationToken");

  private StsSessions() {}

  static void answered(AwsCall call, Object request, Object answer) {
    if (!SESSION_OPERATIONS.contains(call.operation())) {
      return;
    }
    Object credentials = SdkFields.get(answer, "Credentials");
    if (credentials == null) {
      return;
    }
    Obtained session = session(call.operation(), request, answer, credentials);
    if (call.operation().equals("AssumeRoleWithWebIdentity")) {
      // IRSA: the workload's own role, exchanged for the session it acts as from now on.
      WorkloadIdentities.principalObserved(session.facts().id(), session.facts().principal());
    }
    StsRefreshes.Refresh refresh = StsRefreshes.onThisThread();
    if (refresh != null) {
      // A provider's refresh: its own span records the session, for the case that first used the
      // provider.
      call.span().setAllAttributes(CredentialAttributes.of(session.facts()));
      refresh.obtained(session);
    } else {
      Credentials.obtained(
          call.span(),
          call.context(),
          session.facts(),
          session.secretValues(),
          session.identifiers());
    }
  }

  /** Names the session a failed call asked for: the role ARN, or the federated user's name. */
  static void failed(AwsCall call, Object request, Throwable error) {
    if (!SESSION_OPERATIONS.contains(call.operation())) {
      return;
    }
    String requested =
        call.operation().equals("GetFederationToken")
            ? SdkFields.string(request, "Name")
            : SdkFields.string(request, "RoleArn");
    call.fetchFailed(PROVIDER, KIND, requested, error);
    StsRefreshes.Refresh refresh = StsRefreshes.onThisThread();
    if (refresh != null) {
      refresh.failed(requested);
    }
  }

  /**
   * An issued session: its facts, its secret access key and session token, and its access key id.
   */
  private static Obtained session(
      String operation, Object request, Object answer, Object credentials) {
    Object user =
        SdkFields.get(
            answer, operation.equals("GetFederationToken") ? "FederatedUser" : "AssumedRoleUser");
    String principal = SdkFields.string(user, "Arn");
    String id =
        switch (operation) {
          case "GetFederationToken" -> principal;
          case "GetSessionToken" ->
              "sts:GetSessionToken/" + ((AwsResponse) answer).responseMetadata().requestId();
          default -> SdkFields.string(request, "RoleArn");
        };
    Instant issued = Instant.now();
    Instant expiration = SdkFields.instant(credentials, "Expiration");
    CredentialFacts facts =
        CredentialFacts.builder(PROVIDER, KIND, id)
            .principal(principal)
            .issuedAt(issued)
            .expiresAt(expiration)
            .ttlSeconds(
                expiration == null ? null : Duration.between(issued, expiration).toSeconds())
            .build();
    return new Obtained(
        facts,
        present(
            SdkFields.string(credentials, "SecretAccessKey"),
            SdkFields.string(credentials, "SessionToken")),
        present(SdkFields.string(credentials, "AccessKeyId")));
  }

  private static List<String> present(String... values) {
    List<String> present = new ArrayList<>(values.length);
    for (String value : values) {
      if (value != null) {
        present.add(value);
      }
    }
    return present;
  }
}
