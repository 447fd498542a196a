package dev.custody.it;

import static dev.custody.it.harness.CredentialTraces.assertNoneExported;
import static dev.custody.it.harness.CredentialTraces.callsPresenting;
import static dev.custody.it.harness.CredentialTraces.fetches;
import static dev.custody.it.harness.CredentialTraces.outstandingCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.FakeAzure;
import dev.custody.testing.FakeJwt;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.SelfSignedTls;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application on Azure Key Vault secrets 4.11 and Azure Identity 1.18, unmodified, against a
 * local vault and identity provider over HTTPS and a managed identity endpoint: one run of its
 * reads, blocking and asynchronous, failed and denied, on a client secret and on a managed
 * identity, and inside a LangChain4j agent, each read back as the spans it must leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureKeyVaultIT {

  static final String CLIENT_TOKEN =
      "azure-identity:client-abc@tenant-123/https://vault.azure.net/.default";
  static final String DENIED_TOKEN =
      "azure-identity:client-denied@tenant-123/https://vault.azure.net/.default";
  static final String MANAGED_IDENTITY_TOKEN =
      "azure-identity:system-assigned/https://vault.azure.net/.default";

  private final String clientSecret = "canary-client-secret-" + FakeJwt.randomId();
  private final Map<String, String> values = secretValues();
  private final Instant dbPasswordExpiry = inDays(30);
  private final Instant ordersApiKeyExpiry = inDays(20);
  private OtlpReceiver receiver;
  private FakeAzure azure;
  private ScriptedOpenAiServer model;
  private ForkedApp.Result result;
  private Spans spans;

  @BeforeAll
  void runTheApp() throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(Files.createTempDirectory("azure-tls"));
    receiver = new OtlpReceiver();
    azure = fakeAzure(tls, clientSecret, values, dbPasswordExpiry, ordersApiKeyExpiry);
    model = SpiffeIT.opsModel();
    result =
        app(ForkedApp.withCustody(receiver), tls, azure, model, clientSecret)
            .runTestApp("azure-keyvault-4");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() == 1);
  }

  @AfterAll
  void stop() {
    azure.close();
    model.close();
    receiver.close();
  }

  @Test
  void eachSecretReadIsAFetchWithTheSecretsIdVersionAndDatesAndTheSdksSpansInside() {
    String id = azure.secretId("db-password");
    assertThat(result.stdout()).contains("SECRET sync db-password: " + id);
    List<ReceivedSpan> reads = fetches(spans, "azure-keyvault", id);
    assertThat(reads)
        .hasSize(2)
        .allSatisfy(
            read -> {
              assertThat(read.name()).isEqualTo("fetch azure-keyvault db-password");
              assertThat(read.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
              assertThat(read.parentSpanId()).isEmpty();
              assertThat(read.isError()).isFalse();
              assertThat(read.attr("custody.credential.provider")).isEqualTo("azure-keyvault");
              assertThat(read.attr("custody.credential.kind")).isEqualTo("secret");
              assertThat(read.attr("custody.credential.version"))
                  .isEqualTo(id.substring(id.lastIndexOf('/') + 1));
              assertThat(read.attr("custody.credential.issued_at"))
                  .isEqualTo(azure.created().toString());
              assertThat(read.attr("custody.credential.expires_at"))
                  .isEqualTo(dbPasswordExpiry.toString());
              // the time to live when the read returned
              assertThat(Long.parseLong(read.attr("custody.credential.ttl_s")))
                  .isBetween(
                      read.endTime().until(dbPasswordExpiry, ChronoUnit.SECONDS) - 1,
                      read.startTime().until(dbPasswordExpiry, ChronoUnit.SECONDS));
              assertThat(read.has("custody.credential.expiry")).isFalse();

              // the SDK's own span and its requests are inside, the one with the token naming it
              ReceivedSpan sdkSpan =
                  spans
                      .where(
                          span ->
                              read.spanId().equals(span.parentSpanId())
                                  && span.name().equals("SecretClient.getSecretSync"))
                      .get(0);
              assertThat(callsPresenting(spans, sdkSpan, CLIENT_TOKEN))
                  .singleElement()
                  .satisfies(
                      get -> assertThat(get.attr("http.response.status_code")).isEqualTo("200"));
            });
  }

  @Test
  void aReadAtAVersionAndAnAsynchronousReadAreFetchesToo() {
    ReceivedSpan versioned = fetches(spans, "azure-keyvault", azure.secretId("api-key")).get(0);
    assertThat(versioned.attr("custody.credential.expires_at")).isNotNull();

    ReceivedSpan async = fetches(spans, "azure-keyvault", azure.secretId("async-key")).get(0);
    assertThat(async.attr("custody.credential.version")).isNotEmpty();
    assertThat(spans.descendantsOf(async))
        .anySatisfy(span -> assertThat(span.name()).isEqualTo("SecretClient.getSecret"))
        .anySatisfy(
            span -> assertThat(span.attr("custody.credential.used")).isEqualTo(CLIENT_TOKEN));
  }

  @Test
  void aSecretWithoutExpiryNeverExpires() {
    assertThat(fetches(spans, "azure-keyvault", azure.secretId("mi-secret")))
        .hasSize(2)
        .allSatisfy(
            read -> {
              assertThat(read.attr("custody.credential.expiry")).isEqualTo("none");
              assertThat(read.has("custody.credential.expires_at")).isFalse();
            });
  }

  @Test
  void aFailedReadIsAnErrorNamingTheSecretAndTheAppGetsTheSdksException() {
    assertThat(result.stdout())
        .contains("FAILED missing: com.azure.core.exception.ResourceNotFoundException");
    ReceivedSpan read =
        fetches(spans, "azure-keyvault", azure.vaultUrl() + "/secrets/missing").get(0);
    assertThat(read.isError()).isTrue();
    assertThat(read.attr("error.type"))
        .isEqualTo("com.azure.core.exception.ResourceNotFoundException");
  }

  @Test
  void eachTokenFromTheIdentityProviderIsAFetchWithItsExpiryAndId() {
    // sync, async, missing and the agent's tool each built a credential of their own: four sign-ins
    List<ReceivedSpan> tokens = fetches(spans, "azure-identity", CLIENT_TOKEN);
    assertThat(tokens)
        .hasSize(4)
        .allSatisfy(
            token -> {
              assertThat(token.isError()).isFalse();
              assertThat(token.attr("custody.credential.kind")).isEqualTo("token");
              assertThat(token.attr("custody.credential.principal"))
                  .isEqualTo("client-abc@tenant-123");
              assertThat(Long.parseLong(token.attr("custody.credential.ttl_s")))
                  .isBetween(3500L, 3599L);
              Instant issued = Instant.parse(token.attr("custody.credential.issued_at"));
              Instant expires = Instant.parse(token.attr("custody.credential.expires_at"));
              assertThat(issued.until(expires, ChronoUnit.SECONDS)).isCloseTo(3599L, within(2L));
              assertThat(token.attr("custody.credential.jti")).matches("[A-Za-z0-9_-]{22}");
            });
    assertThat(tokens)
        .extracting(token -> token.attr("custody.credential.jti"))
        .doesNotHaveDuplicates();
  }

  @Test
  void aTokenFromMsalsCacheIsNoFetch() {
    // two clients on one managed identity: the second client's token comes from MSAL's cache
    assertThat(azure.requests())
        .filteredOn(request -> request.path().startsWith("/msi/token"))
        .hasSize(1);
    assertThat(fetches(spans, "azure-identity", MANAGED_IDENTITY_TOKEN))
        .singleElement()
        .satisfies(
            token ->
                assertThat(token.attr("custody.credential.principal"))
                    .isEqualTo("system-assigned"));
    assertThat(
            spans.where(
                span -> MANAGED_IDENTITY_TOKEN.equals(span.attr("custody.credential.used"))))
        .hasSize(2);
  }

  @Test
  void aSignInTheIdentityProviderRejectsIsAnErrorFetchPerAttempt() {
    assertThat(result.stdout()).contains("FAILED denied: java.lang.RuntimeException");
    long attempts =
        azure.requests().stream()
                .filter(request -> request.path().endsWith("/oauth2/v2.0/token"))
                .count()
            - 4;
    assertThat(fetches(spans, "azure-identity", DENIED_TOKEN))
        .hasSize((int) attempts)
        .allSatisfy(
            token -> {
              assertThat(token.isError()).isTrue();
              assertThat(token.attr("error.type")).isEqualTo("java.lang.RuntimeException");
            });
    assertThat(fetches(spans, "azure-keyvault", azure.vaultUrl() + "/secrets/db-password"))
        .singleElement()
        .satisfies(read -> assertThat(read.isError()).isTrue());
  }

  @Test
  void aCaseKnowsWhatItsToolObtainedUntilWhenAndWhichCallPresentedIt() {
    assertThat(result.stdout()).contains("ANSWER agent: Nothing stuck.");
    String ordersApiKey = azure.secretId("orders-api-key");
    ReceivedSpan root = spans.one("invoke_agent OpsAgent");
    assertThat(root.attr("custody.credentials.outstanding")).isEqualTo("2");
    assertThat(root.attr("custody.authority.ends_at")).isEqualTo(ordersApiKeyExpiry.toString());
    assertThat(outstandingCredentials(root)).containsExactlyInAnyOrder(ordersApiKey, CLIENT_TOKEN);

    ReceivedSpan tool = spans.one("execute_tool checkOrders");
    ReceivedSpan read = fetches(spans, "azure-keyvault", ordersApiKey).get(0);
    assertThat(read.parentSpanId()).isEqualTo(tool.spanId());
    assertThat(spans.descendantsOf(read))
        .anySatisfy(span -> assertThat(span.name()).isEqualTo("fetch azure-identity"));
    assertThat(callsPresenting(spans, tool, ordersApiKey))
        .singleElement()
        .satisfies(call -> assertThat(call.attr("url.full")).endsWith("/orders/open"));
    assertThat(spans.descendantsOf(root))
        .allSatisfy(
            span ->
                assertThat(span.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id")));
  }

  @Test
  void noSecretValueTokenOrClientSecretIsExported() {
    List<String> sensitive = new ArrayList<>(values.values());
    sensitive.addAll(azure.issuedTokens());
    sensitive.add(clientSecret);
    assertNoneExported(receiver, sensitive);
  }

  /**
   * A vault and identity provider over HTTPS: two clients, one denied, and the app's five secrets
   * (values by name), the database password and the orders API key expiring when given.
   */
  static FakeAzure fakeAzure(
      SelfSignedTls tls,
      String clientSecret,
      Map<String, String> values,
      Instant dbPasswordExpiry,
      Instant ordersApiKeyExpiry)
      throws IOException, GeneralSecurityException {
    return FakeAzure.start(tls)
        .client("client-abc", clientSecret)
        .client("client-denied", "another-secret")
        .secret("db-password", values.get("db-password"), dbPasswordExpiry)
        .secret("api-key", values.get("api-key"), inDays(10))
        .secret("async-key", values.get("async-key"), inDays(5))
        .secret("mi-secret", values.get("mi-secret"), null)
        .secret("orders-api-key", values.get("orders-api-key"), ordersApiKeyExpiry);
  }

  /**
   * The app wired to the vault, its identities and the model, doing each of its reads and its agent
   * task.
   */
  static ForkedApp app(
      ForkedApp app,
      SelfSignedTls tls,
      FakeAzure azure,
      ScriptedOpenAiServer model,
      String clientSecret) {
    String apiKeyId = azure.secretId("api-key");
    return app.property("javax.net.ssl.trustStore", tls.trustStore().toString())
        .property("javax.net.ssl.trustStorePassword", SelfSignedTls.PASSWORD)
        .property("app.vault.url", azure.vaultUrl())
        .property("app.api-key.version", apiKeyId.substring(apiKeyId.lastIndexOf('/') + 1))
        .property("app.model.url", model.baseUrl())
        .property("app.backend.url", model.url(""))
        .env("APP_CLIENT_SECRET", clientSecret)
        .env("IDENTITY_ENDPOINT", azure.managedIdentityEndpoint())
        .env("IDENTITY_HEADER", FakeAzure.IDENTITY_HEADER)
        .args("sync", "async", "missing", "denied", "managed-identity", "agent");
  }

  /** The app's five secrets, by name: fresh values, so that each is a canary. */
  static Map<String, String> secretValues() {
    return Map.of(
        "db-password",
        "db-" + FakeJwt.randomId(),
        "api-key",
        "api-" + FakeJwt.randomId(),
        "async-key",
        "async-" + FakeJwt.randomId(),
        "mi-secret",
        "mi-" + FakeJwt.randomId(),
        "orders-api-key",
        "orders-" + FakeJwt.randomId());
  }

  private static Instant inDays(int days) {
    return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  }
}
