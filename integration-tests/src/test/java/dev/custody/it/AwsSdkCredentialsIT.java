package dev.custody.it;

import static dev.custody.it.harness.CredentialTraces.latestOutstandingExpiry;
import static dev.custody.testing.ScriptedAwsServer.roleArn;
import static dev.custody.testing.ScriptedAwsServer.secretArn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.Json;
import dev.custody.testing.ScriptedAwsServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An operations desk on LangChain4j whose tools read Secrets Manager secrets (sync, async, batch),
 * take roles through the five STS session calls, use what they got (an AWS call signed with a
 * session, an HTTP call with a secret as bearer token), fail to reach what they must not, and read
 * as the application's role through a provider that refreshes in the background. One run of it,
 * read back as the trace it must leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSdkCredentialsIT {

  static final String ANSWER = "Inventory and reports are healthy.";

  /** What the desk prints when it ran every tool and its provider refreshed. */
  static final String[] ANSWER_LINES = {"ANSWER: " + ANSWER, "REFRESHED"};

  static final String SECRET_VERSION = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

  /** Words, so that only its fetch can tell it is a secret; escaped in the secret's JSON. */
  private final String ordersDbPassword = "harbor\\kestrel\"lighthouse";

  private final String inventoryToken = "inventory-canary-" + Long.toHexString(System.nanoTime());
  private final String reportsDbSecret = "reports-db-canary-" + Long.toHexString(System.nanoTime());
  private OtlpReceiver receiver;
  private ScriptedOpenAiServer model;
  private ScriptedAwsServer aws;
  private ForkedApp.Result result;
  private Spans spans;
  private ReceivedSpan root;

  @BeforeAll
  void runTheDesk() throws Exception {
    receiver = new OtlpReceiver();
    model = model();
    aws = aws(ordersDbPassword, inventoryToken, reportsDbSecret);
    result = app(ForkedApp.withCustody(receiver), model, aws).runTestApp("aws-sdk-2");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains(ANSWER_LINES);
    spans =
        receiver.awaitSpans(
            received ->
                received.named("invoke_agent").size() == 1
                    && received.named("refresh aws-sts").size() >= 3
                    && received.named("fetch aws-secretsmanager").size() == 6);
    root = spans.one("invoke_agent");
  }

  @AfterAll
  void stop() {
    model.close();
    aws.close();
    receiver.close();
  }

  @Test
  void aSecretFetchedInTheCaseIsNamedVersionedAndNeverExpires() {
    ReceivedSpan fetch = fetchOf(secretArn("orders-db")).get(0);
    assertThat(fetch.name())
        .as("the agent's span, named for what it did")
        .isEqualTo("fetch aws-secretsmanager orders-db");
    assertThat(fetch.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(fetch.scope()).isEqualTo("io.opentelemetry.aws-sdk-2.2");
    assertThat(fetch.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
    assertThat(spans.parentOf(fetch).name()).isEqualTo("execute_tool readSecrets");
    assertThat(fetch.attr("custody.credential.provider")).isEqualTo("aws-secretsmanager");
    assertThat(fetch.attr("custody.credential.kind")).isEqualTo("secret");
    assertThat(fetch.attr("custody.credential.version")).isEqualTo(SECRET_VERSION);
    assertThat(fetch.attr("custody.credential.issued_at")).isEqualTo("2018-04-11T20:05:45Z");
    assertThat(fetch.attr("custody.credential.expiry")).isEqualTo("none");
    assertThat(fetch.has("custody.credential.expires_at")).isFalse();
    assertThat(fetch.has("custody.credential.used")).as("signed with the app's own key").isFalse();

    ReceivedSpan asyncFetch = fetchOf(secretArn("inventory-token")).get(0);
    assertThat(asyncFetch.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
    assertThat(spans.isDescendant(asyncFetch, root)).isTrue();
    assertThat(asyncFetch.attr("custody.credential.expiry")).isEqualTo("none");
  }

  @Test
  void aBatchRecordsEachSecretItReturnedAndEachItCouldNot() {
    ReceivedSpan batch = spans.one("SecretsManager.BatchGetSecretValue");
    assertThat(batch.attr("custody.credential.provider")).isEqualTo("aws-secretsmanager");
    assertThat(batch.attr("custody.credential.kind")).isEqualTo("secret");
    assertThat(batch.has("custody.credential.id"))
        .as("several credentials: events name them")
        .isFalse();
    assertThat(batch.events("custody.credential.obtained"))
        .extracting(event -> event.get("custody.credential.id"))
        .containsExactly(secretArn("orders-db"), secretArn("inventory-token"));
    assertThat(batch.events("custody.credential.obtained"))
        .allSatisfy(
            event -> {
              assertThat(event).containsEntry("custody.credential.version", SECRET_VERSION);
              assertThat(event).containsEntry("custody.credential.expiry", "none");
            });
    assertThat(batch.events("custody.credential.failed"))
        .singleElement()
        .satisfies(
            event ->
                assertThat(event)
                    .containsEntry("custody.credential.id", "retired-secret")
                    .containsEntry("error.type", "ResourceNotFoundException"));
  }

  @Test
  void theCaseRootNamesTheSessionStsIssuedForTheWorkloadsOwnRole() {
    assertThat(root.attr("custody.workload.id")).as("configured").isEqualTo(roleArn("web-reader"));
    assertThat(root.attr("custody.workload.principal"))
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/web-reader/ops-desk-web");
  }

  @Test
  void eachStsSessionCallCarriesTheSessionItIssued() {
    assertSession(
        stsCall("Sts.AssumeRole", roleArn("ops-reader")),
        roleArn("ops-reader"),
        "arn:aws:sts::123456789012:assumed-role/ops-reader/ops-desk",
        3600);
    assertSession(
        stsCall("Sts.AssumeRoleWithWebIdentity", roleArn("web-reader")),
        roleArn("web-reader"),
        "arn:aws:sts::123456789012:assumed-role/web-reader/ops-desk-web",
        3600);
    assertSession(
        stsCall("Sts.AssumeRoleWithSAML", roleArn("saml-reader")),
        roleArn("saml-reader"),
        "arn:aws:sts::123456789012:assumed-role/saml-reader/session",
        3600);
    ReceivedSpan federation = spans.one("Sts.GetFederationToken");
    assertSession(
        federation,
        "arn:aws:sts::123456789012:federated-user/bob",
        "arn:aws:sts::123456789012:federated-user/bob",
        3600);
    ReceivedSpan sessionToken = spans.one("Sts.GetSessionToken");
    assertSession(
        sessionToken, "sts:GetSessionToken/" + sessionToken.attr("aws.request_id"), null, 900);
  }

  @Test
  void noSecretValueSessionKeyOrAccessKeyIdIsExported() {
    List<String> neverExported =
        new ArrayList<>(List.of(ordersDbPassword, inventoryToken, reportsDbSecret));
    assertThat(aws.sessions()).hasSizeGreaterThanOrEqualTo(7);
    for (ScriptedAwsServer.Session session : aws.sessions()) {
      neverExported.addAll(
          List.of(session.secretAccessKey(), session.sessionToken(), session.accessKeyId()));
    }
    for (String value : neverExported) {
      assertThat(receiver.rawBytesContain(value)).as("exported bytes contain %s", value).isFalse();
    }
    // The tools handed values back to the model: the scrubber knows them as fetched credentials.
    assertThat(spans.one("execute_tool readSecrets").attr("gen_ai.tool.call.result"))
        .isEqualTo(
            "2 secrets read, 1 missing; the inventory service answers to [REDACTED:credential],"
                + " the orders database to [REDACTED:credential]");
    assertThat(spans.one("execute_tool assumeRoles").attr("gen_ai.tool.call.result"))
        .isEqualTo("roles taken; ops-reader session [REDACTED:credential] / [REDACTED:credential]");
  }

  @Test
  void aCallSignedWithAnIssuedSessionNamesItsRole() {
    String readerKey = sessionOf(roleArn("ops-reader")).get(0).accessKeyId();
    assertThat(aws.requests())
        .filteredOn(request -> readerKey.equals(request.signedBy()))
        .extracting(ScriptedAwsServer.Request::operation)
        .containsExactly("secretsmanager.GetSecretValue");

    ReceivedSpan signedByReader =
        spans
            .where(
                span ->
                    span.name().startsWith("fetch aws-secretsmanager ")
                        && roleArn("ops-reader").equals(span.attr("custody.credential.used")))
            .get(0);
    assertThat(spans.parentOf(signedByReader).name()).isEqualTo("execute_tool assumeRoles");
    assertThat(signedByReader.attr("custody.credential.id")).isEqualTo(secretArn("orders-db"));
  }

  @Test
  void anHttpCallWithAFetchedSecretAsBearerTokenNamesTheSecret() {
    assertThat(model.requests())
        .filteredOn(request -> request.path().equals("/inventory"))
        .singleElement()
        .satisfies(
            request -> assertThat(request.authorization()).isEqualTo("Bearer " + inventoryToken));
    ReceivedSpan call =
        spans
            .where(
                span ->
                    span.kind() == SpanKind.SPAN_KIND_CLIENT
                        && span.has("url.full")
                        && span.attr("url.full").endsWith("/inventory"))
            .get(0);
    assertThat(call.attr("custody.credential.used")).isEqualTo(secretArn("inventory-token"));
  }

  @Test
  void aFailedFetchIsAnErrorNamingWhatItAskedForAndTheAppGetsTheSdkException() {
    assertThat(result.stdout())
        .contains(
            "FAILED GetSecretValue: software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException",
            "FAILED AssumeRole: software.amazon.awssdk.services.sts.model.StsException 403");

    ReceivedSpan missing = fetchOf("retired-secret").get(0);
    assertThat(missing.name()).isEqualTo("fetch aws-secretsmanager retired-secret");
    assertThat(missing.isError()).isTrue();
    assertThat(missing.attr("custody.credential.provider")).isEqualTo("aws-secretsmanager");
    assertThat(missing.attr("error.type"))
        .isEqualTo(
            "software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException");

    ReceivedSpan denied = stsCall("Sts.AssumeRole", roleArn("forbidden"));
    assertThat(denied.isError()).isTrue();
    assertThat(denied.attr("custody.credential.provider")).isEqualTo("aws-sts");
    assertThat(denied.attr("error.type"))
        .isEqualTo("software.amazon.awssdk.services.sts.model.StsException");
    assertThat(denied.has("custody.credential.expires_at")).isFalse();
  }

  @Test
  void eachProviderRefreshIsASpanOfItsOwnLinkedToTheCaseThatFirstUsedTheRole() {
    List<ReceivedSpan> refreshes =
        spans.where(
            span ->
                span.name().equals("refresh aws-sts")
                    && roleArn("app-role").equals(span.attr("custody.credential.id")));
    assertThat(refreshes)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(
            refresh -> {
              assertThat(refresh.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
              assertThat(refresh.parentSpanId()).isEmpty();
              assertThat(refresh.traceId()).isNotEqualTo(root.traceId());
              assertThat(refresh.linkedSpanIds()).containsExactly(root.spanId());
              assertThat(refresh.has("custody.case.id"))
                  .as("a refresh serves every later use, not one case")
                  .isFalse();
              assertThat(refresh.attr("custody.credential.provider")).isEqualTo("aws-sts");
              assertThat(refresh.attr("custody.credential.id")).isEqualTo(roleArn("app-role"));
              assertThat(refresh.attr("custody.credential.principal"))
                  .isEqualTo("arn:aws:sts::123456789012:assumed-role/app-role/ops-desk");
              // Seconds left of a 20-second session when the refresh obtained it: a loaded machine
              // takes a few.
              assertThat(Integer.parseInt(refresh.attr("custody.credential.ttl_s")))
                  .isBetween(15, 20);

              ReceivedSpan assumeRole =
                  spans.where(span -> refresh.spanId().equals(span.parentSpanId())).get(0);
              assertThat(assumeRole.name()).isEqualTo("Sts.AssumeRole");
              assertThat(assumeRole.attr("custody.credential.id")).isEqualTo(roleArn("app-role"));
            });
    assertThat(refreshes)
        .as("the first fetch, inside the case, on the tool's call")
        .anySatisfy(
            refresh ->
                assertThat(refresh.startNanos()).isBetween(root.startNanos(), root.endNanos()));
    assertThat(refreshes)
        .as("a refresh in the background, after the case")
        .anySatisfy(refresh -> assertThat(refresh.startNanos()).isGreaterThan(root.endNanos()));
  }

  @Test
  void aFailedProviderRefreshIsAnErrorNamingTheRole() {
    assertThat(result.stdout())
        .contains("FAILED provider: software.amazon.awssdk.services.sts.model.StsException");
    ReceivedSpan refresh =
        spans
            .where(
                span ->
                    span.name().equals("refresh aws-sts")
                        && roleArn("forbidden").equals(span.attr("custody.credential.id")))
            .get(0);
    assertThat(refresh.isError()).isTrue();
    assertThat(refresh.attr("error.type"))
        .isEqualTo("software.amazon.awssdk.services.sts.model.StsException");
    assertThat(refresh.parentSpanId()).isEmpty();
    assertThat(refresh.linkedSpanIds()).containsExactly(root.spanId());
    assertThat(refresh.has("custody.credential.expires_at")).isFalse();
    ReceivedSpan assumeRole =
        spans.where(span -> refresh.spanId().equals(span.parentSpanId())).get(0);
    assertThat(assumeRole.name()).isEqualTo("Sts.AssumeRole");
    assertThat(assumeRole.isError()).isTrue();
  }

  @Test
  void aCallSignedWithARefreshedSessionStillNamesTheRole() {
    List<ScriptedAwsServer.Request> reportReads =
        aws.requests().stream().filter(request -> request.body().contains("reports-db")).toList();
    assertThat(reportReads).hasSize(2);
    assertThat(reportReads.get(1).signedBy())
        .as("a session the provider refreshed")
        .isNotEqualTo(reportReads.get(0).signedBy())
        .isIn(
            sessionOf(roleArn("app-role")).stream()
                .map(ScriptedAwsServer.Session::accessKeyId)
                .toList());

    List<ReceivedSpan> reads = fetchOf(secretArn("reports-db"));
    assertThat(reads)
        .hasSize(2)
        .allSatisfy(
            read ->
                assertThat(read.attr("custody.credential.used")).isEqualTo(roleArn("app-role")));
    assertThat(reads.get(1).has("custody.case.id")).as("read after the case").isFalse();
  }

  @Test
  void theCaseRootCountsEveryCredentialItObtainedAndNamesThoseThatNeverExpire() {
    assertThat(root.attr("custody.authority.unbounded")).isEqualTo("true");
    assertThat(root.attrList("custody.authority.unbounded_by"))
        .as("a Secrets Manager secret never expires")
        .containsExactlyInAnyOrder(
            secretArn("orders-db"), secretArn("inventory-token"), secretArn("reports-db"));
    assertThat(root.attr("custody.authority.ends_at"))
        .as("the latest expiry of the STS sessions")
        .isEqualTo(latestOutstandingExpiry(root));
    List<Map<String, String>> outstanding = root.events("custody.credential.outstanding");
    assertThat(outstanding)
        .extracting(event -> event.get("custody.credential.id"))
        .containsExactlyInAnyOrder(
            secretArn("orders-db"),
            secretArn("inventory-token"),
            secretArn("reports-db"),
            roleArn("ops-reader"),
            roleArn("web-reader"),
            roleArn("saml-reader"),
            "arn:aws:sts::123456789012:federated-user/bob",
            "sts:GetSessionToken/" + spans.one("Sts.GetSessionToken").attr("aws.request_id"),
            roleArn("app-role"));
    assertThat(root.attr("custody.credentials.outstanding")).isEqualTo("9");
    assertThat(outstanding)
        .filteredOn(event -> event.get("custody.credential.id").equals(secretArn("orders-db")))
        .singleElement()
        .satisfies(event -> assertThat(event).containsEntry("custody.credential.expiry", "none"));
    assertThat(outstanding)
        .filteredOn(event -> event.get("custody.credential.id").equals(roleArn("app-role")))
        .singleElement()
        .satisfies(event -> assertThat(event).containsKey("custody.credential.expires_at"));
  }

  private void assertSession(ReceivedSpan call, String id, String principal, long ttlSeconds) {
    assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(call.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
    assertThat(call.attr("custody.credential.provider")).isEqualTo("aws-sts");
    assertThat(call.attr("custody.credential.kind")).isEqualTo("session");
    assertThat(call.attr("custody.credential.id")).isEqualTo(id);
    assertThat(call.attr("custody.credential.principal")).isEqualTo(principal);
    Instant issued = Instant.parse(call.attr("custody.credential.issued_at"));
    Instant expires = Instant.parse(call.attr("custody.credential.expires_at"));
    assertThat(Duration.between(issued, expires).toSeconds())
        .isBetween(ttlSeconds - 2, ttlSeconds + 1);
    assertThat(Long.parseLong(call.attr("custody.credential.ttl_s")))
        .isBetween(ttlSeconds - 2, ttlSeconds);
  }

  /** The Secrets Manager reads of one secret, in the order they started. */
  private List<ReceivedSpan> fetchOf(String credentialId) {
    return spans
        .where(
            span ->
                span.name().startsWith("fetch aws-secretsmanager ")
                    && credentialId.equals(span.attr("custody.credential.id")))
        .stream()
        .sorted((a, b) -> Long.compare(a.startNanos(), b.startNanos()))
        .toList();
  }

  private ReceivedSpan stsCall(String name, String credentialId) {
    List<ReceivedSpan> calls =
        spans.where(
            span ->
                span.name().equals(name)
                    && credentialId.equals(span.attr("custody.credential.id"))
                    && root.traceId().equals(span.traceId()));
    assertThat(calls).as("%s for %s in the case", name, credentialId).hasSize(1);
    return calls.get(0);
  }

  private List<ScriptedAwsServer.Session> sessionOf(String roleArn) {
    return aws.sessions().stream().filter(session -> roleArn.equals(session.roleArn())).toList();
  }

  /** The desk's model: asks for each tool in turn, then answers; also the inventory backend. */
  static ScriptedOpenAiServer model() throws IOException {
    return ScriptedOpenAiServer.start(
            List.of(
                tool("readSecrets"),
                tool("checkInventory"),
                tool("assumeRoles"),
                tool("checkForbidden"),
                tool("readReports")),
            ANSWER)
        .serve("/inventory", "412 units in stock");
  }

  /** Secrets Manager and STS with the desk's three secrets, refusing the forbidden role. */
  static ScriptedAwsServer aws(
      String ordersDbPassword, String inventoryToken, String reportsDbSecret) throws IOException {
    return ScriptedAwsServer.start()
        .secret(
            "orders-db",
            "{\"username\":\"orders\",\"password\":" + Json.quote(ordersDbPassword) + "}")
        .secret("inventory-token", inventoryToken)
        .secret("reports-db", reportsDbSecret)
        .denyRole(roleArn("forbidden"));
  }

  /**
   * The desk wired to its model and AWS, running as the web reader's role, waiting for a background
   * refresh.
   */
  static ForkedApp app(ForkedApp app, ScriptedOpenAiServer model, ScriptedAwsServer aws) {
    return app.property("app.model.url", model.baseUrl())
        .property("app.aws.url", aws.endpoint())
        .property("app.backend.url", model.url(""))
        .property("app.await.refresh", "true")
        .property("custody.workload.id", roleArn("web-reader"));
  }

  private static ToolCall tool(String name) {
    return new ToolCall(name, "{}");
  }
}
