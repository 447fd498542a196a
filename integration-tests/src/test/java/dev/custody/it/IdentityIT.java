package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.apps.OrderAgentApp;
import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.FakeJwt;
import dev.custody.testing.WorkloadFixtures;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As whom and for whom a case ran: the workload identity read from the files and environment a
 * platform gives the process (fixtures in a temporary directory), and the end user read from the
 * bearer JWT of the request that started the case, on a JDK HttpServer, an asynchronous jakarta
 * servlet, a javax servlet and a Spring WebFlux handler. No token leaves the process.
 */
class IdentityIT {

  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/order-desk";
  static final String EKS_ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE";
  static final String SPIFFE_ID = "spiffe://prod.example/ns/agents/sa/order-desk";
  static final long IN_A_DAY = Instant.now().getEpochSecond() + 86_400;

  /** Alice's token, which the agent service holds on her behalf, as the gateway forwarded it. */
  static final String ALICE =
      FakeJwt.of(
          "RS256",
          "{\"iss\":\"https://login.example.com\",\"sub\":\"alice@example.com\",\"azp\":\"order-portal\","
              + "\"act\":{\"sub\":\"agent-svc\",\"act\":{\"sub\":\"gateway\"}},\"exp\":"
              + IN_A_DAY
              + "}");

  @TempDir Path dir;

  @Test
  void onAJdkHttpServerTheCaseRunsAsTheIrsaRoleForTheTokensSubjectAndARotationShowsOnTheNextCase()
      throws Exception {
    String serviceAccountToken = kubernetesToken("https://kubernetes.default.svc", "sa-jti");
    String webIdentityToken = kubernetesToken("sts.amazonaws.com", "irsa-jti-1");
    String rotatedToken = kubernetesToken("sts.amazonaws.com", "irsa-jti-2");
    String opaqueToken = Canaries.randomToken(32);
    Path serviceAccountFile = write("kubernetes/token", serviceAccountToken);
    Path webIdentityFile = write("eks/token", webIdentityToken);

    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running app =
          desk.app()
              .property("it.serve.requests", "2")
              .property("custody.workload.kubernetes.token_path", serviceAccountFile.toString())
              .property("custody.workload.refresh_s", "1")
              .env("AWS_ROLE_ARN", ROLE_ARN)
              .env("AWS_WEB_IDENTITY_TOKEN_FILE", webIdentityFile.toString())
              .env("SPIFFE_ENDPOINT_SOCKET", "unix:///run/spire/sockets/agent.sock")
              .startMain(OrderAgentApp.class);
      URI ask = URI.create("http://127.0.0.1:" + app.awaitLine("LISTENING ") + "/ask");
      assertThat(askAs(ask, "Bearer " + ALICE)).isEqualTo(OrderDesk.ANSWER);

      WorkloadFixtures.writeAtomically(webIdentityFile, rotatedToken);
      desk.receiver.awaitSpans(received -> !received.named("refresh kubernetes").isEmpty());
      assertThat(askAs(ask, "Bearer " + opaqueToken)).isEqualTo(OrderDesk.ANSWER);
      assertThat(app.waitForExit().exitCode()).isZero();

      Spans spans =
          desk.receiver.awaitSpans(
              received -> received.all().size() >= 2 * (OrderDesk.SPANS_PER_REQUEST + 1) + 1);
      ReceivedSpan forAlice = caseRootOf(spans, "alice@example.com");
      assertThat(forAlice.resourceAttr("custody.workload.id")).isEqualTo(ROLE_ARN);
      assertThat(forAlice.resourceAttr("custody.workload.id.source")).isEqualTo("aws");
      assertThat(forAlice.resourceAttr("custody.workload.credential.jti")).isEqualTo("irsa-jti-1");
      assertThat(forAlice.resourceAttr("custody.workload.kubernetes.pod.name"))
          .isEqualTo("order-desk-7d9f");
      assertThat(forAlice.attr("custody.workload.id")).isEqualTo(ROLE_ARN);
      assertThat(forAlice.attr("custody.workload.id.source")).isEqualTo("aws");
      assertThat(forAlice.attr("custody.workload.credential.jti")).isEqualTo("irsa-jti-1");
      assertThat(forAlice.attr("custody.workload.credential.issuer")).isEqualTo(EKS_ISSUER);
      assertThat(forAlice.attr("custody.workload.credential.expires_at"))
          .isEqualTo(Instant.ofEpochSecond(IN_A_DAY).toString());
      assertThat(forAlice.attr("custody.workload.kubernetes.namespace")).isEqualTo("agents");
      assertThat(forAlice.attr("custody.workload.kubernetes.service_account"))
          .isEqualTo("order-desk");
      assertThat(forAlice.attr("custody.workload.kubernetes.pod.name"))
          .isEqualTo("order-desk-7d9f");
      assertThat(forAlice.attr("custody.workload.kubernetes.pod.uid"))
          .isEqualTo("5d0c1e2f-pod-uid");
      assertThat(forAlice.attrList("custody.workload.hints"))
          .containsExactly("spiffe_workload_api");
      assertThat(forAlice.attr("custody.record.complete")).isEqualTo("true");
      assertThat(forAlice.attr("enduser.id")).isEqualTo("alice@example.com");
      assertThat(forAlice.attr("user.id")).isEqualTo("alice@example.com");
      assertThat(forAlice.attr("custody.enduser.issuer")).isEqualTo("https://login.example.com");
      assertThat(forAlice.attr("custody.enduser.client_id")).isEqualTo("order-portal");
      assertThat(forAlice.attrList("custody.enduser.actor"))
          .containsExactly("agent-svc", "gateway");
      assertThat(forAlice.attr("custody.enduser.source")).isEqualTo("jwt_unverified");
      assertThat(spans.parentOf(forAlice).has("http.request.header.authorization"))
          .as("captured for Custody only")
          .isFalse();

      ReceivedSpan rotation = spans.one("refresh kubernetes");
      assertThat(rotation.parentSpanId()).isEmpty();
      assertThat(rotation.attr("custody.credential.id"))
          .isEqualTo("system:serviceaccount:agents:order-desk");
      assertThat(rotation.attr("custody.credential.principal")).isEqualTo(ROLE_ARN);
      assertThat(rotation.attr("custody.workload.credential.jti")).isEqualTo("irsa-jti-2");
      assertThat(rotation.events("custody.workload.rotated"))
          .singleElement()
          .isEqualTo(
              Map.of(
                  "custody.workload.id",
                  ROLE_ARN,
                  "custody.workload.credential.jti",
                  "irsa-jti-2",
                  "custody.workload.credential.expires_at",
                  Instant.ofEpochSecond(IN_A_DAY).toString(),
                  "custody.workload.previous_credential.jti",
                  "irsa-jti-1",
                  "custody.workload.previous_credential.expires_at",
                  Instant.ofEpochSecond(IN_A_DAY).toString()));

      ReceivedSpan afterRotation =
          spans.where(span -> span.name().startsWith("invoke_agent") && span != forAlice).get(0);
      assertThat(afterRotation.attr("custody.workload.credential.jti")).isEqualTo("irsa-jti-2");
      assertThat(afterRotation.resourceAttr("custody.workload.credential.jti"))
          .as("the resource says what was found at start-up")
          .isEqualTo("irsa-jti-1");
      assertThat(afterRotation.attr("custody.enduser.source")).isEqualTo("opaque");
      assertThat(afterRotation.has("enduser.id")).isFalse();

      assertNoTokenExported(
          desk, ALICE, opaqueToken, serviceAccountToken, webIdentityToken, rotatedToken);
    }
  }

  @Test
  void
      onAnAsyncServletTheCaseRunsAsTheSvidForTheTokensSubjectAndTheUsersOwnHeaderCaptureIsScrubbed()
          throws Exception {
    String serviceAccountToken = kubernetesToken("https://kubernetes.default.svc", "sa-jti");
    write("kubernetes/token", serviceAccountToken);
    write("spiffe/svid.pem", WorkloadFixtures.svidPem(dir, SPIFFE_ID, "2030/01/01 00:00:00", 2));

    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running app =
          desk.app()
              .property("it.serve.requests", "1")
              .property(
                  "custody.workload.kubernetes.token_path",
                  dir.resolve("kubernetes/token").toString())
              .property("custody.workload.spiffe.svid_path", dir.resolve("spiffe").toString())
              .property("otel.instrumentation.http.server.capture-request-headers", "Authorization")
              .startTestApp("tomcat-11");
      URI ask = URI.create("http://127.0.0.1:" + app.awaitLine("LISTENING ") + "/ask");
      assertThat(askAs(ask, "Bearer " + ALICE)).isEqualTo(OrderDesk.ANSWER);
      assertThat(app.waitForExit().exitCode()).isZero();

      Spans spans =
          desk.receiver.awaitSpans(
              received -> received.all().size() >= OrderDesk.SPANS_PER_REQUEST + 1);
      ReceivedSpan root = caseRootOf(spans, "alice@example.com");
      assertThat(root.attr("custody.workload.id")).isEqualTo(SPIFFE_ID);
      assertThat(root.attr("custody.workload.id.source")).isEqualTo("spiffe");
      assertThat(root.attr("custody.workload.credential.expires_at"))
          .isEqualTo("2030-01-03T00:00:00Z");
      assertThat(root.has("custody.workload.credential.jti")).as("an SVID has none").isFalse();
      assertThat(root.attr("custody.workload.kubernetes.pod.uid")).isEqualTo("5d0c1e2f-pod-uid");
      assertThat(root.resourceAttr("custody.workload.id")).isEqualTo(SPIFFE_ID);
      assertThat(root.attrList("custody.enduser.actor")).containsExactly("agent-svc", "gateway");

      ReceivedSpan server = spans.parentOf(root);
      assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
      assertThat(server.attrList("http.request.header.authorization"))
          .as("the user asked for it: scrubbed")
          .containsExactly("Bearer [REDACTED:jwt]");
      assertNoTokenExported(desk, ALICE, serviceAccountToken);
    }
  }

  @Test
  void aJavaxServletCarriesTheTokensEndUserToItsCaseAndNotToTheNextRequestOnItsThread()
      throws Exception {
    assertEachRequestCarriesItsOwnEndUser("tomcat-9");
  }

  @Test
  void aWebFluxHandlerCarriesTheTokensEndUserToItsCaseOnBoundedElasticAndNotToTheNextRequest()
      throws Exception {
    assertEachRequestCarriesItsOwnEndUser("spring-webflux-6");
  }

  /**
   * Alice's request, then one without credentials, to the order desk of {@code testApp}: her case
   * root names her (read from her token when the request's SERVER span started, however far below
   * that span the case runs), and the next case, on the same thread, names nobody.
   */
  private static void assertEachRequestCarriesItsOwnEndUser(String testApp) throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running app = desk.app().property("it.serve.requests", "2").startTestApp(testApp);
      URI ask = URI.create("http://127.0.0.1:" + app.awaitLine("LISTENING ") + "/ask");
      assertThat(askAs(ask, "Bearer " + ALICE)).isEqualTo(OrderDesk.ANSWER);
      assertThat(askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
      assertThat(app.waitForExit().exitCode()).isZero();

      Spans spans =
          desk.receiver.awaitSpans(
              received ->
                  received.named("invoke_agent").size() == 2
                      && received.where(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).size()
                          == 2);
      ReceivedSpan forAlice = caseRootOf(spans, "alice@example.com");
      assertThat(forAlice.attr("user.id")).isEqualTo("alice@example.com");
      assertThat(forAlice.attr("custody.enduser.issuer")).isEqualTo("https://login.example.com");
      assertThat(forAlice.attr("custody.enduser.client_id")).isEqualTo("order-portal");
      assertThat(forAlice.attrList("custody.enduser.actor"))
          .containsExactly("agent-svc", "gateway");
      assertThat(forAlice.attr("custody.enduser.source")).isEqualTo("jwt_unverified");

      ReceivedSpan forNobody =
          spans.where(span -> span.name().startsWith("invoke_agent") && span != forAlice).get(0);
      assertThat(forNobody.traceId()).isNotEqualTo(forAlice.traceId());
      assertThat(forNobody.attr("thread.name"))
          .as("the thread Alice's case ran on")
          .isNotNull()
          .isEqualTo(forAlice.attr("thread.name"));
      for (String key :
          List.of(
              "enduser.id",
              "user.id",
              "custody.enduser.issuer",
              "custody.enduser.client_id",
              "custody.enduser.actor",
              "custody.enduser.source")) {
        assertThat(forNobody.has(key)).as(key).isFalse();
        assertThat(requestOf(spans, forNobody).has(key)).as(key).isFalse();
      }
      assertThat(forNobody.attrList("custody.findings"))
          .as("started by a request whose caller was not identified")
          .contains("no-end-user");
      List<String> alicesFindings = forAlice.attrList("custody.findings");
      assertThat(alicesFindings == null ? List.of() : alicesFindings).doesNotContain("no-end-user");
      for (ReceivedSpan caseRoot : List.of(forAlice, forNobody)) {
        ReceivedSpan request = requestOf(spans, caseRoot);
        assertThat(request.attr("custody.case.id"))
            .as("the request that started the case names it, for trace lists")
            .isEqualTo(caseRoot.attr("custody.case.id"));
        assertThat(request.attr("gen_ai.agent.name")).isEqualTo(caseRoot.attr("gen_ai.agent.name"));
      }
      assertNoTokenExported(desk, ALICE);
    }
  }

  /** The case root whose request's SERVER span names this end user, as the root does. */
  private static ReceivedSpan caseRootOf(Spans spans, String endUser) {
    List<ReceivedSpan> roots =
        spans.where(
            span ->
                span.name().startsWith("invoke_agent") && endUser.equals(span.attr("enduser.id")));
    assertThat(roots).as("case roots for %s among %s", endUser, spans.all()).isNotEmpty();
    assertThat(requestOf(spans, roots.get(0)).attr("enduser.id")).isEqualTo(endUser);
    return roots.get(0);
  }

  /** The SERVER span of the request a case runs in: an ancestor of its root, in its trace. */
  private static ReceivedSpan requestOf(Spans spans, ReceivedSpan caseRoot) {
    ReceivedSpan up = spans.parentOf(caseRoot);
    while (up != null && up.kind() != SpanKind.SPAN_KIND_SERVER) {
      up = spans.parentOf(up);
    }
    assertThat(up).as("the SERVER span above %s", caseRoot).isNotNull();
    assertThat(up.traceId()).isEqualTo(caseRoot.traceId());
    return up;
  }

  /** No exported byte holds a token, nor the claims part of any (a JWT's middle segment). */
  private static void assertNoTokenExported(OrderDesk desk, String... tokens) {
    for (String token : tokens) {
      assertThat(desk.receiver.rawBytesContain(token))
          .as("exported bytes contain %s", token)
          .isFalse();
      String[] segments = token.split("\\.");
      if (segments.length == 3) {
        assertThat(desk.receiver.rawBytesContain(segments[1]))
            .as("exported bytes contain claims of %s", token)
            .isFalse();
      }
    }
  }

  /** A service-account token of the order desk's pod, for this audience. */
  private static String kubernetesToken(String audience, String jti) {
    String issuer =
        audience.equals("sts.amazonaws.com") ? EKS_ISSUER : "https://kubernetes.default.svc";
    return WorkloadFixtures.kubernetesToken(
        issuer,
        audience,
        "agents",
        "order-desk",
        "order-desk-7d9f",
        "5d0c1e2f-pod-uid",
        jti,
        IN_A_DAY);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  static String askAs(URI ask, String authorization) throws Exception {
    return send(question(ask).header("Authorization", authorization));
  }

  static String askAnonymously(URI ask) throws Exception {
    return send(question(ask));
  }

  private static HttpRequest.Builder question(URI ask) {
    return HttpRequest.newBuilder(ask)
        .POST(HttpRequest.BodyPublishers.ofString("Where is my order A-17?"));
  }

  private static String send(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
