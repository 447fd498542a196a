package dev.custody.it;

import static dev.custody.it.harness.CredentialTraces.assertNoneExported;
import static dev.custody.it.harness.CredentialTraces.fetches;
import static dev.custody.testing.FakeKubernetes.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.FakeKubernetes;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application on the official Kubernetes Java client 27, unmodified, authenticated by a
 * projected service-account token that the kubelet (here the fake) rotates between its two API
 * calls: one run read back as the spans it must leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesIT {

  private OtlpReceiver receiver;
  private Path tokenFile;
  private FakeKubernetes kubernetes;
  private ForkedApp.Result result;
  private Spans spans;

  @BeforeAll
  void runTheApp() throws Exception {
    receiver = new OtlpReceiver();
    tokenFile = Files.createTempDirectory("serviceaccount").resolve("token");
    kubernetes = FakeKubernetes.start(tokenFile);
    result =
        ForkedApp.withCustody(receiver)
            .property("app.token.file", tokenFile.toString())
            .property("app.kubernetes.url", kubernetes.url(""))
            .runTestApp("kubernetes-client-java-27");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    spans =
        receiver.awaitSpans(
            received ->
                received.named("fetch kubernetes").size() == 3
                    && received.where(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).size()
                        == 2);
  }

  @AfterAll
  void stop() {
    kubernetes.close();
    receiver.close();
  }

  @Test
  void eachTokenTheFileHoldsIsAFetchOfTheServiceAccountWithTheTokensJtiAndExpiry() {
    List<ReceivedSpan> reads = fetches(spans, "kubernetes", SUBJECT);
    assertThat(reads).hasSize(2);
    List<FakeKubernetes.Token> tokens = kubernetes.tokens();
    assertThat(tokens).hasSize(2);
    for (int i = 0; i < 2; i++) {
      ReceivedSpan read = reads.get(i);
      FakeKubernetes.Token token = tokens.get(i);
      assertThat(read.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
      assertThat(read.isError()).isFalse();
      assertThat(read.attr("custody.credential.provider")).isEqualTo("kubernetes");
      assertThat(read.attr("custody.credential.kind")).isEqualTo("token");
      assertThat(read.attr("custody.credential.jti")).isEqualTo(token.jti());
      assertThat(read.attr("custody.credential.issued_at")).isEqualTo(token.issuedAt().toString());
      assertThat(read.attr("custody.credential.expires_at"))
          .isEqualTo(token.expiresAt().toString());
      assertThat(Long.parseLong(read.attr("custody.credential.ttl_s")))
          .isBetween(
              read.endTime().until(token.expiresAt(), ChronoUnit.SECONDS) - 1,
              read.startTime().until(token.expiresAt(), ChronoUnit.SECONDS));
    }
  }

  @Test
  void eachApiCallNamesTheServiceAccountWhoseTokenItPresented() {
    assertThat(result.stdout()).contains("LISTED 1: 0 pods", "LISTED 2: 0 pods");
    assertThat(kubernetes.requests())
        .extracting(FakeKubernetes.Request::authorization)
        .containsExactly(
            "Bearer " + kubernetes.tokens().get(0).value(),
            "Bearer " + kubernetes.tokens().get(1).value());
    List<ReceivedSpan> calls = spans.where(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT);
    assertThat(calls)
        .hasSize(2)
        .allSatisfy(
            call -> {
              assertThat(call.attr("url.full")).endsWith("/api/v1/namespaces/agents/pods");
              assertThat(call.attr("custody.credential.used")).isEqualTo(SUBJECT);
            });
    // the rotated token was read for the second call: its fetch is inside it
    ReceivedSpan rotation = fetches(spans, "kubernetes", SUBJECT).get(1);
    assertThat(spans.isDescendant(rotation, calls.get(1))).isTrue();
  }

  @Test
  void aTokenFileThatCannotBeReadIsAnErrorNamingTheFileAndTheAppGetsTheClientsException() {
    assertThat(result.stdout())
        .contains("FAILED missing: io.kubernetes.client.util.exception.TokenAquisitionException");
    ReceivedSpan read = fetches(spans, "kubernetes", tokenFile + ".missing").get(0);
    assertThat(read.isError()).isTrue();
    assertThat(read.attr("error.type")).isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void noTokenIsExported() {
    assertNoneExported(
        receiver, kubernetes.tokens().stream().map(FakeKubernetes.Token::value).toList());
  }
}
