package dev.custody.it;

import static dev.custody.it.harness.CredentialTraces.assertNoneExported;
import static dev.custody.it.harness.CredentialTraces.fetches;
import static dev.custody.it.harness.FakeSecretManager.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.FakeSecretManager;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.FakeJwt;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application on GCP Secret Manager 2.85, unmodified, against a local Secret Manager over gRPC
 * and HTTP/JSON: one run of its secret checks and accesses, read back as the spans they must leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcpSecretManagerIT {

  private final Map<String, String> values = secretValues();
  private final Instant openAiKeyExpiry =
      Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  private final Instant httpKeyExpiry =
      Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  private OtlpReceiver receiver;
  private FakeSecretManager secretManager;
  private ForkedApp.Result result;
  private Spans spans;

  @BeforeAll
  void runTheApp() throws Exception {
    receiver = new OtlpReceiver();
    secretManager = secretManager(values, openAiKeyExpiry, httpKeyExpiry);
    result = app(ForkedApp.withCustody(receiver), secretManager).runTestApp("gcp-secretmanager-2");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    spans =
        receiver.awaitSpans(
            received ->
                received.named("fetch gcp-secretmanager").size() >= 5
                    && received.where(span -> span.name().equals("GET")).size() >= 3);
  }

  @AfterAll
  void stop() {
    secretManager.close();
    receiver.close();
  }

  @Test
  void anAccessIsAFetchOfTheResolvedVersionWithTheExpiryTheAppRead() {
    String id = resolved("openai-key", "latest");
    assertThat(result.stdout()).contains("SECRET " + id);
    ReceivedSpan access = fetches(spans, "gcp-secretmanager", id).get(0);
    assertThat(access.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(access.parentSpanId()).isEmpty();
    assertThat(access.attr("custody.credential.provider")).isEqualTo("gcp-secretmanager");
    assertThat(access.attr("custody.credential.kind")).isEqualTo("secret");
    assertThat(access.attr("custody.credential.version"))
        .isEqualTo(FakeSecretManager.LATEST_VERSION);
    assertThat(access.attr("custody.credential.expires_at")).isEqualTo(openAiKeyExpiry.toString());
    assertThat(Long.parseLong(access.attr("custody.credential.ttl_s")))
        .isBetween(
            access.endTime().until(openAiKeyExpiry, ChronoUnit.SECONDS) - 1,
            access.startTime().until(openAiKeyExpiry, ChronoUnit.SECONDS));

    // the stock gRPC span is inside; checking the secret's expiry is no fetch
    assertThat(spans.descendantsOf(access))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
              assertThat(call.name())
                  .isEqualTo(
                      "google.cloud.secretmanager.v1.SecretManagerService/AccessSecretVersion");
            });
    assertThat(spans.named("fetch gcp-secretmanager")).hasSize(5);
  }

  @Test
  void theCallPresentingTheSecretNamesItsVersion() {
    assertThat(secretManager.backendAuthorizations())
        .containsExactly("Bearer " + values.get("openai-key"));
    ReceivedSpan call =
        spans
            .where(
                span ->
                    span.kind() == SpanKind.SPAN_KIND_CLIENT
                        && span.attr("url.full") != null
                        && span.attr("url.full").endsWith("/backend/models"))
            .get(0);
    assertThat(call.attr("custody.credential.used")).isEqualTo(resolved("openai-key", "latest"));
  }

  @Test
  void anAccessToASecretWhoseExpiryTheAppNeverReadHasNone() {
    ReceivedSpan access = fetches(spans, "gcp-secretmanager", resolved("db-password", "3")).get(0);
    assertThat(access.name())
        .as("the secret as asked for, not its version")
        .startsWith("fetch gcp-secretmanager projects/")
        .endsWith("/secrets/db-password");
    assertThat(access.attr("custody.credential.version")).isEqualTo("3");
    assertThat(access.has("custody.credential.expires_at")).isFalse();
    assertThat(access.has("custody.credential.expiry")).isFalse();
  }

  @Test
  void aSecretWithoutExpiryNeverExpiresAlsoThroughTheAsynchronousCallable() {
    ReceivedSpan access =
        fetches(spans, "gcp-secretmanager", resolved("static-key", "latest")).get(0);
    assertThat(access.attr("custody.credential.expiry")).isEqualTo("none");
    assertThat(access.has("custody.credential.expires_at")).isFalse();
  }

  @Test
  void aFailedAccessIsAnErrorNamingTheVersionAskedFor() {
    assertThat(result.stdout())
        .contains("FAILED missing: com.google.api.gax.rpc.NotFoundException");
    ReceivedSpan access =
        fetches(spans, "gcp-secretmanager", "projects/my-proj/secrets/missing/versions/latest")
            .get(0);
    assertThat(access.isError()).isTrue();
    assertThat(access.attr("error.type")).isEqualTo("io.grpc.StatusRuntimeException");
  }

  @Test
  void anAccessOverHttpJsonLooksTheSame() {
    ReceivedSpan access = fetches(spans, "gcp-secretmanager", resolved("http-key", "2")).get(0);
    assertThat(access.attr("custody.credential.expires_at")).isEqualTo(httpKeyExpiry.toString());
    assertThat(spans.descendantsOf(access))
        .anySatisfy(
            call -> {
              assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
              assertThat(call.attr("url.full"))
                  .contains("/v1/projects/my-proj/secrets/http-key/versions/2:access");
            });
  }

  @Test
  void noSecretValueIsExported() {
    assertNoneExported(receiver, List.copyOf(values.values()));
  }

  /** The app's four secrets, by name: fresh values, so that each is a canary. */
  static Map<String, String> secretValues() {
    return Map.of(
        "openai-key",
        "sk-gcp-" + FakeJwt.randomId(),
        "db-password",
        "db-" + FakeJwt.randomId(),
        "static-key",
        "static-" + FakeJwt.randomId(),
        "http-key",
        "http-" + FakeJwt.randomId());
  }

  /**
   * Secret Manager with the app's four secrets (values by name), the OpenAI and HTTP keys expiring
   * when given.
   */
  static FakeSecretManager secretManager(
      Map<String, String> values, Instant openAiKeyExpiry, Instant httpKeyExpiry)
      throws IOException {
    return FakeSecretManager.start()
        .secret("openai-key", values.get("openai-key"), openAiKeyExpiry)
        .secret("db-password", values.get("db-password"), Instant.now().plus(1, ChronoUnit.DAYS))
        .secret("static-key", values.get("static-key"), null)
        .secret("http-key", values.get("http-key"), httpKeyExpiry);
  }

  /**
   * The app wired to Secret Manager over gRPC and HTTP/JSON, and to the backend the OpenAI key is
   * presented to.
   */
  static ForkedApp app(ForkedApp app, FakeSecretManager secretManager) {
    return app.property("app.grpc.endpoint", secretManager.grpcEndpoint())
        .property("app.http.endpoint", secretManager.httpEndpoint())
        .property("app.backend.url", secretManager.httpEndpoint() + "/backend");
  }
}
