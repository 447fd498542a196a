package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedOpaServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import dev.custody.testing.ScriptedVerifiedPermissionsServer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An orders desk on LangChain4j whose tools ask a policy engine before they act: OPA over its REST API with the JDK
 * client (send, a GET, sendAsync reading a stream, a stream closed unread), with OkHttp (once with an answer nested too
 * deep to read) and with HttpURLConnection; Amazon Verified Permissions through the AWS SDK (by principal, with the
 * user's identity token, in a batch with the asynchronous client); Cedar in process. One run of it, read back as the
 * trace it must leave: each question a {@code policy_decision} under the tool that asked, the tool a deny stopped
 * marked as such, the case root summing the decisions up, and the identity token nowhere in the exported bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyDecisionsIT {

  /** An answer longer than what the JDK client hands over before the application reads (one 16 KiB buffer). */
  static final String HOLD_ANSWER =
      "{\"allow\":true,\"obligations\":[\"" + "notify the customer ".repeat(2000) + "\"]}";

  /** An answer nested 30,000 deep: no reader of ours may recurse on it, nor fail the application's call. */
  static final String NESTED_ANSWER = "[".repeat(30_000) + "]".repeat(30_000);

  static final String ANSWER = "Alice is served and the readers audited; bob's orders could not be deleted.";

  private final String identityToken = "avp-identity-canary-" + Long.toHexString(System.nanoTime());

  private OtlpReceiver receiver;
  private ScriptedOpenAiServer model;
  private ScriptedOpaServer opa;
  private ScriptedVerifiedPermissionsServer avp;
  private Spans spans;
  private ReceivedSpan root;

  @BeforeAll
  void runTheDesk() throws Exception {
    receiver = new OtlpReceiver();
    model = model();
    opa = opa();
    avp = ScriptedVerifiedPermissionsServer.start().permit("alice");
    ForkedApp.Result result = app(ForkedApp.withCustody(receiver), model, opa, avp, identityToken)
        .runTestApp("policy-engines");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("ANSWER: " + ANSWER);
    spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() == 1
        && received.named("policy_decision").size() >= 12);
    root = spans.one("invoke_agent");
  }

  /** The model: asks for every tool, each asking a policy engine first, then answers. */
  static ScriptedOpenAiServer model() throws IOException {
    return ScriptedOpenAiServer.start(
        List.of(
            new ToolCall("listOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("countOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("exportOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("refundOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("shareOrders", "{}"),
            new ToolCall("auditReaders", "{}"),
            new ToolCall("applyDiscount", "{\"customer\":\"alice\",\"amount\":20}"),
            new ToolCall("applyDiscount", "{\"customer\":\"alice\",\"amount\":80}"),
            new ToolCall("holdOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("archiveOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("reviewOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("deleteOrders", "{\"customer\":\"bob\"}")),
        ANSWER);
  }

  /** OPA's documents: allows (some with reasons), a deny, a hold with obligations, an answer nested too deep. */
  static ScriptedOpaServer opa() throws IOException {
    return ScriptedOpaServer.start()
        .document("orders/read", "{\"allow\":true}")
        .document("orders/count", "{\"allow\":true}")
        .document("orders/export", "{\"allow\":true,\"reasons\":[\"customers may export their own orders\"]}")
        .document("orders/delete/deny", "[\"bob may not delete orders\"]")
        .document("orders/hold", HOLD_ANSWER)
        .document("orders/archive", "{\"allow\":true,\"reasons\":[\"closed orders may be archived\"]}")
        .document("orders/review", NESTED_ANSWER);
  }

  /** The app wired to its model and policy engines. */
  static ForkedApp app(ForkedApp app, ScriptedOpenAiServer model, ScriptedOpaServer opa,
      ScriptedVerifiedPermissionsServer avp, String identityToken) {
    return app.property("app.model.url", model.baseUrl())
        .property("app.opa.url", opa.endpoint())
        // HttpURLConnection's requests are recognised at a configured endpoint only (its body comes after its span).
        .property("custody.policy.opa.endpoints", opa.endpoint())
        .property("app.avp.url", avp.endpoint())
        .property("app.identity.token", identityToken);
  }

  @AfterAll
  void stop() {
    model.close();
    opa.close();
    avp.close();
    receiver.close();
  }

  @Test
  void anAllowAskedWithTheJdkClientSitsBetweenTheToolAndItsHttpCall() {
    ReceivedSpan decision = decisionOn("orders/read");
    assertThat(decision.name()).isEqualTo("policy_decision opa");
    assertThat(decision.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool listOrders");
    assertThat(decision.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
    assertThat(decision.attr("custody.policy.engine")).isEqualTo("opa");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(decision.attr("custody.policy.decision_id")).isEqualTo(opaRequest("orders/read").decisionId());
    assertThat(decision.attr("custody.policy.revision")).isEqualTo("authz@" + ScriptedOpaServer.BUNDLE_REVISION);
    assertThat(decision.attr("custody.policy.input"))
        .isEqualTo("{\"input\":{\"user\":\"alice\",\"action\":\"read\"}}");
    assertThat(decision.attr("custody.policy.input.hash")).matches("sha256:[0-9a-f]{64}");

    ReceivedSpan http = httpCallUnder(decision);
    assertThat(http.attr("url.full")).endsWith("/v1/data/orders/read?provenance");
  }

  @Test
  void opaReceivesOurTraceSoItsDecisionLogJoinsTheTrace() {
    for (String path : List.of("orders/read", "orders/export", "orders/delete/deny")) {
      ReceivedSpan http = httpCallUnder(decisionOn(path));
      assertThat(opaRequest(path).traceparent())
          .as("traceparent OPA received for %s", path)
          .startsWith("00-" + root.traceId() + "-" + http.spanId() + "-");
    }
  }

  @Test
  void aGetQuestionRecordsTheInputOfItsQueryString() {
    ReceivedSpan decision = decisionOn("orders/count");
    assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool countOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(decision.attr("custody.policy.input")).isEqualTo("{\"user\":\"alice\",\"action\":\"count\"}");
    assertThat(httpCallUnder(decision).attr("http.request.method")).isEqualTo("GET");
  }

  @Test
  void anAsyncQuestionReadAsAStreamEndsWithItsAnswerAndReason() {
    ReceivedSpan decision = decisionOn("orders/export");
    assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool exportOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(decision.attr("custody.policy.reason")).isEqualTo("customers may export their own orders");
    assertThat(decision.attr("custody.policy.decision_id")).isEqualTo(opaRequest("orders/export").decisionId());
    assertThat(decision.endNanos()).isGreaterThanOrEqualTo(httpCallUnder(decision).endNanos());
  }

  @Test
  void aStreamClosedBeforeTheAnswerIsReadStillEndsItsDecision() {
    ReceivedSpan decision = decisionOn("orders/hold");
    assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool holdOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("unparsed");
    assertThat(decision.attr("custody.policy.input")).contains("\"action\":\"hold\"");
    assertThat(decision.endNanos()).isLessThanOrEqualTo(spans.parentOf(decision).endNanos());
  }

  @Test
  void aQuestionAskedWithHttpUrlConnectionIsTheParentOfItsHttpCall() {
    ReceivedSpan decision = decisionOn("orders/archive");
    assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool archiveOrders");
    assertThat(decision.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(decision.attr("custody.policy.reason")).isEqualTo("closed orders may be archived");
    assertThat(decision.attr("custody.policy.decision_id")).isEqualTo(opaRequest("orders/archive").decisionId());
    assertThat(decision.attr("custody.policy.input"))
        .isEqualTo("{\"input\":{\"user\":\"alice\",\"action\":\"archive\"}}");
    assertThat(decision.attr("custody.policy.input.hash")).matches("sha256:[0-9a-f]{64}");

    ReceivedSpan http = httpCallUnder(decision);
    assertThat(http.scope()).startsWith("io.opentelemetry.http-url-connection");
    assertThat(opaRequest("orders/archive").traceparent()).startsWith("00-" + root.traceId() + "-" + http.spanId());
    assertThat(decision.endNanos()).isGreaterThanOrEqualTo(http.endNanos());
  }

  @Test
  void aDenyAskedWithOkHttpMarksTheToolItStopped() {
    ReceivedSpan decision = decisionOn("orders/delete/deny");
    ReceivedSpan tool = spans.parentOf(decision);
    assertThat(tool.name()).isEqualTo("execute_tool deleteOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("deny");
    assertThat(decision.attr("custody.policy.reason")).isEqualTo("bob may not delete orders");
    assertThat(decision.attr("custody.policy.input")).contains("\"user\":\"bob\"");
    assertThat(httpCallUnder(decision).scope()).startsWith("io.opentelemetry.okhttp");

    assertThat(tool.attr("custody.policy.decision")).isEqualTo("deny");
    assertThat(tool.attr("custody.policy.denied")).isEqualTo("true");
    ReceivedSpan allowedTool = spans.one("execute_tool listOrders");
    assertThat(allowedTool.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(allowedTool.has("custody.policy.denied")).isFalse();
  }

  @Test
  void anAnswerNestedTooDeepToReadIsUnparsedAndTheApplicationReadsItAsSent() {
    ReceivedSpan decision = decisionOn("orders/review");
    ReceivedSpan tool = spans.parentOf(decision);
    assertThat(tool.name()).isEqualTo("execute_tool reviewOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("unparsed");
    assertThat(decision.has("error.type")).isFalse();
    assertThat(httpCallUnder(decision).scope()).startsWith("io.opentelemetry.okhttp");
    assertThat(tool.has("error.type")).isFalse();
    assertThat(tool.attr("gen_ai.tool.call.result")).matches("OPA answered 200 with 600\\d\\d characters");
  }

  @Test
  void aVerifiedPermissionsDecisionStandsBesideTheSdkCallWithTheQuestionAndTheDeterminingPolicy() {
    ReceivedSpan decision = avpDecisionUnder("execute_tool refundOrders");
    assertThat(decision.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(decision.attr("custody.case.id")).isEqualTo(root.attr("custody.case.id"));
    assertThat(decision.attr("custody.policy.store")).isEqualTo("PSdesk0000000000000001");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(decision.attr("custody.policy.id")).isEqualTo(ScriptedVerifiedPermissionsServer.PERMIT_POLICY);
    assertThat(decision.attr("custody.policy.input"))
        .contains("\"principal\":{\"entityType\":\"Desk::User\",\"entityId\":\"alice\"}")
        .contains("\"actionId\":\"refund\"", "\"contextMap\":{\"mfa\":{\"boolean\":true}}")
        .doesNotContain("PSdesk");
    assertThat(decision.attr("custody.policy.input.hash")).matches("sha256:[0-9a-f]{64}");

    ReceivedSpan sdkCall = spans.where(span -> span.name().equals("VerifiedPermissions.IsAuthorized")).get(0);
    assertThat(sdkCall.parentSpanId()).as("siblings under the tool").isEqualTo(decision.parentSpanId());
    assertThat(decision.startNanos()).isLessThanOrEqualTo(sdkCall.startNanos());
    assertThat(decision.endNanos()).as("once the answer is read").isGreaterThan(sdkCall.startNanos());
  }

  @Test
  void aDecisionOnTheUsersTokenRecordsTheQuestionButNeverTheToken() {
    assertThat(avp.requests()).filteredOn(request -> request.body().contains(identityToken))
        .as("the token reached Verified Permissions").hasSize(1);
    ReceivedSpan decision = avpDecisionUnder("execute_tool shareOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("deny");
    assertThat(decision.attr("custody.policy.id")).isEqualTo(ScriptedVerifiedPermissionsServer.FORBID_POLICY);
    assertThat(decision.attr("custody.policy.input")).contains("\"actionId\":\"share\"").doesNotContain("Token");
    assertThat(spans.one("execute_tool shareOrders").attr("custody.policy.denied")).isEqualTo("true");
    assertThat(receiver.rawBytesContain(identityToken)).as("exported bytes contain the identity token").isFalse();
  }

  @Test
  void aBatchAskedWithTheAsyncClientIsOneDecisionDeniedWhenAnyOfItsRequestsIs() {
    ReceivedSpan decision = avpDecisionUnder("execute_tool auditReaders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("deny");
    assertThat(decision.attr("custody.policy.id")).isEqualTo(
        ScriptedVerifiedPermissionsServer.PERMIT_POLICY + "," + ScriptedVerifiedPermissionsServer.FORBID_POLICY);
    assertThat(decision.attr("custody.policy.input")).contains("\"entityId\":\"alice\"", "\"entityId\":\"bob\"");
  }

  @Test
  void aCedarDecisionNamesThePolicyThatPermittedOrForbadeIt() {
    List<ReceivedSpan> decisions = spans.named("policy_decision cedar");
    assertThat(decisions).hasSize(2).allSatisfy(decision -> {
      assertThat(decision.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
      assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool applyDiscount");
      assertThat(decision.attr("custody.policy.engine")).isEqualTo("cedar");
      assertThat(decision.attr("custody.policy.input"))
          .startsWith("Request(Desk::User::\"alice\", Desk::Action::\"discount\", Desk::Orders::\"all\"");
    });
    ReceivedSpan permitted = cedarDecisionFor(decisions, "amount=20");
    assertThat(permitted.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(permitted.attr("custody.policy.id")).isEqualTo("policy0");
    ReceivedSpan forbidden = cedarDecisionFor(decisions, "amount=80");
    assertThat(forbidden.attr("custody.policy.decision")).isEqualTo("deny");
    assertThat(forbidden.attr("custody.policy.id")).isEqualTo("policy1");
    assertThat(spans.parentOf(forbidden).attr("custody.policy.denied")).isEqualTo("true");
    assertThat(spans.parentOf(permitted).has("custody.policy.denied")).isFalse();
  }

  @Test
  void theCaseRootCountsItsDecisionsAndSaysOneDenied() {
    assertThat(spans.where(span -> "opa".equals(span.attr("custody.policy.engine"))))
        .as("the model's HTTP calls are no decisions").hasSize(7);
    assertThat(spans.where(span -> "avp".equals(span.attr("custody.policy.engine")))).hasSize(3);
    assertThat(root.attr("custody.policy.decisions")).isEqualTo("12");
    assertThat(root.attr("custody.policy.decision")).as("the last one").isEqualTo("deny");
    assertThat(root.attr("custody.policy.denied")).isEqualTo("true");
  }

  private ReceivedSpan decisionOn(String path) {
    List<ReceivedSpan> decisions = spans.where(span -> path.equals(span.attr("custody.policy.id")));
    assertThat(decisions).as("decisions on %s", path).hasSize(1);
    return decisions.get(0);
  }

  private static ReceivedSpan cedarDecisionFor(List<ReceivedSpan> decisions, String context) {
    return decisions.stream().filter(decision -> decision.attr("custody.policy.input").contains(context))
        .findFirst().orElseThrow();
  }

  private ReceivedSpan avpDecisionUnder(String toolSpan) {
    ReceivedSpan tool = spans.one(toolSpan);
    List<ReceivedSpan> decisions = spans.where(span -> span.name().equals("policy_decision avp")
        && tool.spanId().equals(span.parentSpanId()));
    assertThat(decisions).as("decisions under %s", toolSpan).hasSize(1);
    return decisions.get(0);
  }

  private ReceivedSpan httpCallUnder(ReceivedSpan decision) {
    List<ReceivedSpan> children = spans.where(span -> decision.spanId().equals(span.parentSpanId()));
    assertThat(children).as("children of %s", decision).singleElement()
        .satisfies(child -> assertThat(child.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT));
    return children.get(0);
  }

  private ScriptedOpaServer.Request opaRequest(String path) {
    List<ScriptedOpaServer.Request> requests =
        opa.requests().stream().filter(request -> request.path().equals(path)).toList();
    assertThat(requests).as("OPA requests for %s", path).hasSize(1);
    return requests.get(0);
  }
}
