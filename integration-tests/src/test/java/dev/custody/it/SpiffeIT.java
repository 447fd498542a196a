package dev.custody.it;

import static dev.custody.it.harness.CredentialTraces.assertNoneExported;
import static dev.custody.it.harness.CredentialTraces.callsPresenting;
import static dev.custody.it.harness.CredentialTraces.outstandingCredentials;
import static dev.custody.it.harness.FakeWorkloadApi.SPIFFE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.FakeWorkloadApi;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedOpenAiServer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.nio.file.Files;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A workload on java-spiffe 0.8.17, unmodified, against a local SPIFFE Workload API over gRPC: its
 * X.509 source, the SVID's rotation, and a LangChain4j agent whose tool presents a JWT-SVID to the
 * order backend, one run read back as the spans it must leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpiffeIT {

  private OtlpReceiver receiver;
  private FakeWorkloadApi workloadApi;
  private ScriptedOpenAiServer model;
  private ForkedApp.Result result;
  private Spans spans;

  @BeforeAll
  void runTheApp() throws Exception {
    receiver = new OtlpReceiver();
    workloadApi = FakeWorkloadApi.start(Files.createTempDirectory("spiffe"));
    model = opsModel();
    result = app(ForkedApp.withCustody(receiver), workloadApi, model).runTestApp("java-spiffe");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    spans =
        receiver.awaitSpans(
            received ->
                received.named("invoke_agent").size() == 1
                    && received.named("refresh spiffe").size() == 1
                    && received.named("fetch spiffe").size() == 3);
  }

  @AfterAll
  void stop() {
    workloadApi.close();
    model.close();
    receiver.close();
  }

  @Test
  void buildingTheX509SourceIsAFetchOfItsFirstSvid() {
    FakeWorkloadApi.X509 first = workloadApi.x509Svids().get(0);
    assertThat(result.stdout()).contains("X509 " + SPIFFE_ID + " serial " + first.serial());
    ReceivedSpan fetch = x509Fetch();
    assertThat(fetch.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(fetch.isError()).isFalse();
    assertThat(fetch.attr("custody.credential.provider")).isEqualTo("spiffe");
    assertThat(fetch.attr("custody.credential.kind")).isEqualTo("svid");
    assertThat(fetch.attr("custody.credential.id")).isEqualTo(SPIFFE_ID);
    assertThat(fetch.attr("custody.credential.issued_at"))
        .isEqualTo(first.leaf().getNotBefore().toInstant().toString());
    assertThat(fetch.attr("custody.credential.expires_at"))
        .isEqualTo(first.leaf().getNotAfter().toInstant().toString());
    assertThat(Long.parseLong(fetch.attr("custody.credential.ttl_s")))
        .isBetween(
            fetch.endTime().until(first.leaf().getNotAfter().toInstant(), ChronoUnit.SECONDS) - 1,
            fetch.startTime().until(first.leaf().getNotAfter().toInstant(), ChronoUnit.SECONDS));
    assertThat(fetch.has("custody.credential.jti")).isFalse();
  }

  @Test
  void theRotationIsARefreshOfItsOwnLinkedToTheFetch() {
    FakeWorkloadApi.X509 rotated = workloadApi.x509Svids().get(1);
    assertThat(result.stdout()).contains("ROTATED serial " + rotated.serial());
    ReceivedSpan refresh = spans.one("refresh spiffe");
    ReceivedSpan fetch = x509Fetch();
    assertThat(refresh.parentSpanId()).isEmpty();
    assertThat(refresh.traceId()).isNotEqualTo(fetch.traceId());
    assertThat(refresh.linkedSpanIds()).containsExactly(fetch.spanId());
    assertThat(refresh.attr("custody.credential.id")).isEqualTo(SPIFFE_ID);
    assertThat(refresh.attr("custody.credential.version")).isEqualTo(rotated.serial());
    assertThat(refresh.attr("custody.credential.expires_at"))
        .isEqualTo(rotated.leaf().getNotAfter().toInstant().toString());
    assertThat(refresh.has("custody.case.id")).isFalse();
  }

  @Test
  void theRotationOfTheSvidTheWorkloadRunsAsIsAnEventNamingTheCertificateItReplaced() {
    FakeWorkloadApi.X509 first = workloadApi.x509Svids().get(0);
    FakeWorkloadApi.X509 rotated = workloadApi.x509Svids().get(1);
    assertThat(spans.one("refresh spiffe").events("custody.workload.rotated"))
        .singleElement()
        .isEqualTo(
            Map.of(
                "custody.workload.id", SPIFFE_ID,
                "custody.workload.credential.serial", rotated.serial(),
                "custody.workload.credential.expires_at",
                    rotated.leaf().getNotAfter().toInstant().toString(),
                "custody.workload.previous_credential.serial", first.serial(),
                "custody.workload.previous_credential.expires_at",
                    first.leaf().getNotAfter().toInstant().toString()));
  }

  @Test
  void aCaseStartedAfterTheRotationRunsAsTheSvidsSpiffeIdProvenByTheRotatedCertificate() {
    FakeWorkloadApi.X509 rotated = workloadApi.x509Svids().get(1);
    ReceivedSpan root = spans.one("invoke_agent OpsAgent");
    assertThat(root.attr("custody.workload.id")).isEqualTo(SPIFFE_ID);
    assertThat(root.attr("custody.workload.id.source")).isEqualTo("spiffe");
    assertThat(root.attr("custody.workload.credential.serial")).isEqualTo(rotated.serial());
    assertThat(root.attr("custody.workload.credential.expires_at"))
        .isEqualTo(rotated.leaf().getNotAfter().toInstant().toString());
    assertThat(root.attrList("custody.record.missing")).doesNotContain("workload_identity");
    assertThat(root.resourceAttr("custody.workload.id"))
        .as("the resource says what was found at start-up: a socket named, not read")
        .isEqualTo("unknown");
  }

  @Test
  void theToolsJwtSvidIsAFetchInTheCaseAndTheCallPresentingItNamesIt() {
    assertThat(result.stdout()).contains("ANSWER agent: Nothing stuck.");
    FakeWorkloadApi.Jwt svid = workloadApi.jwtSvids().get(0);
    ReceivedSpan tool = spans.one("execute_tool checkOrders");
    ReceivedSpan fetch = jwtFetch("api://orders");
    assertThat(fetch.parentSpanId()).isEqualTo(tool.spanId());
    assertThat(fetch.isError()).isFalse();
    assertThat(fetch.attr("custody.credential.id")).isEqualTo(SPIFFE_ID);
    assertThat(fetch.attr("custody.credential.kind")).isEqualTo("svid");
    assertThat(fetch.attr("custody.credential.jti")).isEqualTo(svid.jti());
    assertThat(fetch.attr("custody.credential.issued_at")).isEqualTo(svid.issuedAt().toString());
    assertThat(fetch.attr("custody.credential.expires_at")).isEqualTo(svid.expiresAt().toString());
    assertThat(Long.parseLong(fetch.attr("custody.credential.ttl_s"))).isBetween(295L, 300L);
    // the Workload API call is inside
    assertThat(spans.descendantsOf(fetch))
        .singleElement()
        .satisfies(call -> assertThat(call.name()).isEqualTo("SpiffeWorkloadAPI/FetchJWTSVID"));

    assertThat(model.requests())
        .anySatisfy(
            request -> {
              assertThat(request.path()).isEqualTo("/orders/open");
              assertThat(request.authorization()).isEqualTo("Bearer " + svid.token());
            });
    assertThat(callsPresenting(spans, tool, SPIFFE_ID))
        .singleElement()
        .satisfies(call -> assertThat(call.attr("url.full")).endsWith("/orders/open"));

    ReceivedSpan root = spans.one("invoke_agent OpsAgent");
    assertThat(root.attr("custody.credentials.outstanding")).isEqualTo("1");
    assertThat(root.attr("custody.authority.ends_at")).isEqualTo(svid.expiresAt().toString());
    assertThat(outstandingCredentials(root)).containsExactly(SPIFFE_ID);
  }

  @Test
  void aFetchTheWorkloadApiRefusesIsAnErrorAndTheAppGetsJavaSpiffesException() {
    assertThat(result.stdout()).contains("FAILED payments: io.spiffe.exception.JwtSvidException");
    ReceivedSpan fetch = jwtFetch(FakeWorkloadApi.REFUSED_AUDIENCE);
    assertThat(fetch.isError()).isTrue();
    assertThat(fetch.attr("error.type")).isEqualTo("io.spiffe.exception.JwtSvidException");
    assertThat(fetch.has("custody.credential.jti")).isFalse();
    assertThat(workloadApi.jwtSvids()).hasSize(1);
  }

  @Test
  void noJwtSvidNorPrivateKeyIsExported() {
    List<String> sensitive = new ArrayList<>();
    workloadApi.jwtSvids().forEach(svid -> sensitive.add(svid.token()));
    for (FakeWorkloadApi.X509 svid : workloadApi.x509Svids()) {
      sensitive.add(Base64.getEncoder().encodeToString(svid.privateKey()));
    }
    assertNoneExported(receiver, sensitive);
  }

  private ReceivedSpan x509Fetch() {
    return spans
        .where(
            span -> span.name().equals("fetch spiffe") && !span.has("custody.credential.audience"))
        .get(0);
  }

  private ReceivedSpan jwtFetch(String audience) {
    return spans
        .where(
            span ->
                span.name().equals("fetch spiffe")
                    && List.of(audience).equals(span.attrList("custody.credential.audience")))
        .get(0);
  }

  /** The ops agent's model: asks for {@code checkOrders}, then answers; also the orders backend. */
  static ScriptedOpenAiServer opsModel() throws IOException {
    return ScriptedOpenAiServer.start(
            List.of(new ScriptedOpenAiServer.ToolCall("checkOrders", "{}")), "Nothing stuck.")
        .serve("/orders/open", "2 open orders, none stuck");
  }

  /** The workload wired to the Workload API and the model. */
  static ForkedApp app(ForkedApp app, FakeWorkloadApi workloadApi, ScriptedOpenAiServer model) {
    return app.env("SPIFFE_ENDPOINT_SOCKET", workloadApi.address())
        .property("app.model.url", model.baseUrl())
        .property("app.backend.url", model.url(""));
  }
}
