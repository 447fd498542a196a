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
import dev.custody.testing.SelfSignedTls;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An application on the fabric8 Kubernetes client 8.0, unmodified, configured as in a pod (API
 * server over HTTPS, service-account token and CA files): one run read back as the spans it must
 * leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesFabric8IT {

  private OtlpReceiver receiver;
  private FakeKubernetes kubernetes;
  private ForkedApp.Result result;
  private Spans spans;

  @BeforeAll
  void runTheApp() throws Exception {
    Path pod = Files.createTempDirectory("pod");
    SelfSignedTls tls = SelfSignedTls.create(pod);
    Path tokenFile = pod.resolve("token");
    receiver = new OtlpReceiver();
    kubernetes = FakeKubernetes.start(tokenFile, tls);
    result =
        app(ForkedApp.withCustody(receiver), kubernetes, tokenFile, tls)
            .runTestApp("kubernetes-fabric8");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    spans =
        receiver.awaitSpans(
            received ->
                received.named("fetch kubernetes").size() == 1
                    && received.where(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).size()
                        == 1);
  }

  @AfterAll
  void stop() {
    kubernetes.close();
    receiver.close();
  }

  @Test
  void theTokenTheClientConfiguredItselfWithIsAFetchOfTheServiceAccount() {
    FakeKubernetes.Token token = kubernetes.tokens().get(0);
    ReceivedSpan read = fetches(spans, "kubernetes", SUBJECT).get(0);
    assertThat(read.isError()).isFalse();
    assertThat(read.attr("custody.credential.kind")).isEqualTo("token");
    assertThat(read.attr("custody.credential.jti")).isEqualTo(token.jti());
    assertThat(read.attr("custody.credential.issued_at")).isEqualTo(token.issuedAt().toString());
    assertThat(read.attr("custody.credential.expires_at")).isEqualTo(token.expiresAt().toString());
  }

  @Test
  void theApiCallNamesTheServiceAccount() {
    assertThat(result.stdout()).contains("LISTED 0 pods");
    assertThat(kubernetes.requests())
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.authorization())
                    .isEqualTo("Bearer " + kubernetes.tokens().get(0).value()));
    assertThat(spans.where(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.attr("url.full")).endsWith("/api/v1/namespaces/agents/pods");
              assertThat(call.attr("custody.credential.used")).isEqualTo(SUBJECT);
            });
  }

  @Test
  void noTokenIsExported() {
    assertNoneExported(
        receiver, kubernetes.tokens().stream().map(FakeKubernetes.Token::value).toList());
  }

  /**
   * The app configured as in a pod: the API server's address in the environment, the token and CA
   * files.
   */
  static ForkedApp app(
      ForkedApp app, FakeKubernetes kubernetes, Path tokenFile, SelfSignedTls tls) {
    URI apiServer = URI.create(kubernetes.url(""));
    return app.env("KUBERNETES_SERVICE_HOST", apiServer.getHost())
        .env("KUBERNETES_SERVICE_PORT", String.valueOf(apiServer.getPort()))
        .property("kubernetes.auth.serviceAccount.token", tokenFile.toString())
        .property("kubernetes.certs.ca.file", tls.certificate().toString())
        // the machine's own kubeconfig, if any, is not the pod's
        .property("kubernetes.auth.tryKubeConfig", "false");
  }
}
