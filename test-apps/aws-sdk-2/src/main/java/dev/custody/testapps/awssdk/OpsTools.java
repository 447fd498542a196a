package dev.custody.testapps.awssdk;

import dev.langchain4j.agent.tool.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The desk's tools. Some of them carelessly hand secrets back to the model, as real tools do: what
 * the model is sent is the application's business, what the trace exports is not.
 */
public final class OpsTools implements AutoCloseable {

  static final String ACCOUNT_ROLES = "arn:aws:iam::123456789012:role/";

  private final URI aws;
  private final StsClient sts;
  private final SecretsManagerClient secretsManager;
  private final SecretsManagerAsyncClient asyncSecretsManager;
  private final StsAssumeRoleCredentialsProvider appRole;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile String inventoryToken;
  private volatile String appRoleKeyAtFirstUse;

  OpsTools(URI aws, StsClient sts) {
    this.aws = aws;
    this.sts = sts;
    secretsManager =
        SecretsManagerClient.builder()
            .endpointOverride(aws)
            .region(Region.US_EAST_1)
            .credentialsProvider(OpsDeskApp.BASE_CREDENTIALS)
            .build();
    asyncSecretsManager =
        SecretsManagerAsyncClient.builder()
            .endpointOverride(aws)
            .region(Region.US_EAST_1)
            .credentialsProvider(OpsDeskApp.BASE_CREDENTIALS)
            .build();
    // Short sessions, refreshed in the background well before they expire.
    appRole =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(
                request ->
                    request
                        .roleArn(ACCOUNT_ROLES + "app-role")
                        .roleSessionName("ops-desk")
                        .durationSeconds(20))
            .asyncCredentialUpdateEnabled(true)
            .staleTime(Duration.ofSeconds(1))
            .prefetchTime(Duration.ofSeconds(18))
            .build();
  }

  @Tool("Reads the secrets of the orders database and the inventory service")
  public String readSecrets() {
    String ordersDb =
        secretsManager.getSecretValue(request -> request.secretId("orders-db")).secretString();
    String ordersDbPassword =
        JsonNode.parser().parse(ordersDb).field("password").map(JsonNode::asString).orElse("");
    inventoryToken =
        asyncSecretsManager
            .getSecretValue(request -> request.secretId("inventory-token"))
            .join()
            .secretString();
    BatchGetSecretValueResponse batch =
        secretsManager.batchGetSecretValue(
            request -> request.secretIdList("orders-db", "inventory-token", "retired-secret"));
    return batch.secretValues().size()
        + " secrets read, "
        + batch.errors().size()
        + " missing; the inventory service answers to "
        + inventoryToken
        + ", the orders database to "
        + ordersDbPassword;
  }

  @Tool("Asks the inventory service for its stock level")
  public String checkInventory() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + "/inventory"))
            .header("Authorization", "Bearer " + inventoryToken)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  @Tool("Takes the desk's AWS roles and reads the orders database secret as the ops reader")
  public String assumeRoles() {
    Credentials reader =
        sts.assumeRole(
                request ->
                    request.roleArn(ACCOUNT_ROLES + "ops-reader").roleSessionName("ops-desk"))
            .credentials();
    sts.assumeRoleWithWebIdentity(
        request ->
            request
                .roleArn(ACCOUNT_ROLES + "web-reader")
                .roleSessionName("ops-desk-web")
                .webIdentityToken("web-identity-token-of-the-desk"));
    sts.assumeRoleWithSAML(
        request ->
            request
                .roleArn(ACCOUNT_ROLES + "saml-reader")
                .principalArn("arn:aws:iam::123456789012:saml-provider/idp")
                .samlAssertion("PHNhbWw+"));
    sts.getSessionToken(request -> request.durationSeconds(900));
    sts.getFederationToken(request -> request.name("bob"));

    AwsSessionCredentials session =
        AwsSessionCredentials.create(
            reader.accessKeyId(), reader.secretAccessKey(), reader.sessionToken());
    try (SecretsManagerClient asReader =
        SecretsManagerClient.builder()
            .endpointOverride(aws)
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(session))
            .build()) {
      asReader.getSecretValue(request -> request.secretId("orders-db"));
    }
    return "roles taken; ops-reader session "
        + reader.secretAccessKey()
        + " / "
        + reader.sessionToken();
  }

  @Tool("Checks what the desk must not reach")
  public String checkForbidden() {
    List<String> failures = new ArrayList<>();
    try {
      secretsManager.getSecretValue(request -> request.secretId("retired-secret"));
    } catch (AwsServiceException expected) {
      failures.add("FAILED GetSecretValue: " + expected.getClass().getName());
    }
    try {
      sts.assumeRole(
          request -> request.roleArn(ACCOUNT_ROLES + "forbidden").roleSessionName("ops-desk"));
    } catch (AwsServiceException expected) {
      failures.add(
          "FAILED AssumeRole: " + expected.getClass().getName() + " " + expected.statusCode());
    }
    try (StsAssumeRoleCredentialsProvider forbidden =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(
                request -> request.roleArn(ACCOUNT_ROLES + "forbidden").roleSessionName("ops-desk"))
            .build()) {
      forbidden.resolveCredentials();
    } catch (SdkException expected) {
      failures.add("FAILED provider: " + expected.getClass().getName());
    }
    failures.forEach(System.out::println);
    return String.join("; ", failures);
  }

  @Tool("Reads the reports database secret as the application's role")
  public String readReports() {
    try (SecretsManagerClient withRole = secretsManagerWithRole()) {
      withRole.getSecretValue(request -> request.secretId("reports-db"));
    }
    appRoleKeyAtFirstUse = appRole.resolveCredentials().accessKeyId();
    return "reports read";
  }

  SecretsManagerClient secretsManagerWithRole() {
    return SecretsManagerClient.builder()
        .endpointOverride(aws)
        .region(Region.US_EAST_1)
        .credentialsProvider(appRole)
        .build();
  }

  /**
   * Waits until the role's session was refreshed in the background, as the provider does before it
   * expires.
   */
  void awaitRoleRefresh(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (appRole.resolveCredentials().accessKeyId().equals(appRoleKeyAtFirstUse)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the role provider never refreshed");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    appRole.close();
    secretsManager.close();
    asyncSecretsManager.close();
  }
}
