package dev.custody.it;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;
import static dev.custody.it.harness.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ExpectedSpan;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.it.harness.TraceAssert;
import dev.custody.testing.ScriptedOpaServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import dev.custody.testing.ScriptedVerifiedPermissionsServer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An orders desk on LangChain4j whose tools ask a policy engine before they act: OPA over its REST
 * API with the JDK client (send, a GET, sendAsync reading a stream, a stream closed unread), with
 * OkHttp (once with an answer nested too deep to read) and with HttpURLConnection; Amazon Verified
 * Permissions through the AWS SDK (by principal, with the user's identity token, in a batch with
 * the asynchronous client); Cedar in process. One run of it, read back as the trace it must leave:
 * each question a {@code policy_decision} under the tool that asked, the tool a deny stopped marked
 * as such, the case root summing the decisions up, and the identity token nowhere in the exported
 * bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyDecisionsIT {

  /**
   * An answer longer than what the JDK client hands over before the application reads (one 16 KiB
   * buffer).
   */
  static final String HOLD_ANSWER =
      "{\"allow\":true,\"obligations\":[\"" + "notify the customer ".repeat(2000) + "\"]}";

  /**
   * An answer nested 30,000 deep: no reader of ours may recurse on it, nor fail the application's
   * call.
   */
  static final String NESTED_ANSWER = "[".repeat(30_000) + "]".repeat(30_000);

  static final String ANSWER =
      "Alice is served and the readers audited; bob's orders could not be deleted.";

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
    ForkedApp.Result result =
        app(ForkedApp.withCustody(receiver), model, opa, avp, identityToken)
            .runTestApp("policy-engines");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("ANSWER: " + ANSWER);
    spans =
        receiver.awaitSpans(
            received ->
                received.named("invoke_agent").size() == 1
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

  /**
   * OPA's documents: allows (some with reasons), a deny, a hold with obligations, an answer nested
   * too deep.
   */
  static ScriptedOpaServer opa() throws IOException {
    return ScriptedOpaServer.start()
        .document("orders/read", "{\"allow\":true}")
        .document("orders/count", "{\"allow\":true}")
        .document(
            "orders/export",
            "{\"allow\":true,\"reasons\":[\"customers may export their own orders\"]}")
        .document("orders/delete/deny", "[\"bob may not delete orders\"]")
        .document("orders/hold", HOLD_ANSWER)
        .document(
            "orders/archive", "{\"allow\":true,\"reasons\":[\"closed orders may be archived\"]}")
        .document("orders/review", NESTED_ANSWER);
  }

  /** The app wired to its model and policy engines. */
  static ForkedApp app(
      ForkedApp app,
      ScriptedOpenAiServer model,
      ScriptedOpaServer opa,
      ScriptedVerifiedPermissionsServer avp,
      String identityToken) {
    return app.property("app.model.url", model.baseUrl())
        .property("app.opa.url", opa.endpoint())
        // HttpURLConnection's requests are recognised at a configured endpoint only (its body comes
        // after its span).
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
  void theCaseIsOneTreeWithEachDecisionUnderTheToolThatAskedIt() {
    ExpectedSpan modelTurn =
        span("chat gpt-4o-mini")
            .kind(CLIENT)
            .children(span("POST").kind(CLIENT).lacks("custody.policy.engine"));
    assertThat(spans)
        .hasTree(
            span("invoke_agent OrdersAssistant")
                .kind(INTERNAL)
                .children(
                    modelTurn,
                    span("execute_tool listOrders")
                        .children(opa("orders/read").children(span("POST").kind(CLIENT))),
                    span("execute_tool countOrders")
                        .children(opa("orders/count").children(span("GET").kind(CLIENT))),
                    span("execute_tool exportOrders")
                        .children(opa("orders/export").children(span("POST").kind(CLIENT))),
                    span("execute_tool refundOrders")
                        .childrenInAnyOrder(
                            avp(), span("VerifiedPermissions.IsAuthorized").kind(CLIENT)),
                    span("execute_tool shareOrders")
                        .childrenInAnyOrder(
                            avp(), span("VerifiedPermissions.IsAuthorizedWithToken").kind(CLIENT)),
                    span("execute_tool auditReaders")
                        .childrenInAnyOrder(
                            avp(), span("VerifiedPermissions.BatchIsAuthorized").kind(CLIENT)),
                    span("execute_tool applyDiscount")
                        .children(cedar().has("custody.policy.id", "policy0")),
                    span("execute_tool applyDiscount")
                        .children(cedar().has("custody.policy.id", "policy1")),
                    span("execute_tool holdOrders")
                        .children(opa("orders/hold").children(span("POST").kind(CLIENT))),
                    span("execute_tool archiveOrders")
                        .children(opa("orders/archive").children(span("POST").kind(CLIENT))),
                    span("execute_tool reviewOrders")
                        .children(opa("orders/review").children(span("POST").kind(CLIENT))),
                    span("execute_tool deleteOrders")
                        .children(opa("orders/delete/deny").children(span("POST").kind(CLIENT))),
                    modelTurn))
        .everySpanHas("custody.case.id", root.attr("custody.case.id"));
  }

  @Test
  void anAllowAskedWithTheJdkClientSitsBetweenTheToolAndItsHttpCall() {
    assertThat(spans)
        .containsTree(
            span("execute_tool listOrders")
                .children(
                    opa("orders/read")
                        .has("custody.policy.decision", "allow")
                        .has("custody.policy.decision_id", opaRequest("orders/read").decisionId())
                        .has(
                            "custody.policy.revision", "authz@" + ScriptedOpaServer.BUNDLE_REVISION)
                        .has(
                            "custody.policy.input",
                            "{\"input\":{\"user\":\"alice\",\"action\":\"read\"}}")
                        .has("custody.policy.input.hash", v -> v.matches("sha256:[0-9a-f]{64}"))
                        .children(
                            span("POST")
                                .kind(CLIENT)
                                .has(
                                    "url.full",
                                    v -> v.endsWith("/v1/data/orders/read?provenance")))));
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
    assertThat(spans)
        .containsTree(
            span("execute_tool countOrders")
                .children(
                    opa("orders/count")
                        .has("custody.policy.decision", "allow")
                        .has("custody.policy.input", "{\"user\":\"alice\",\"action\":\"count\"}")
                        .children(span("GET").kind(CLIENT).has("http.request.method", "GET"))));
  }

  @Test
  void anAsyncQuestionReadAsAStreamEndsWithItsAnswerAndReason() {
    ExpectedSpan http = span("POST").kind(CLIENT);
    ExpectedSpan decision =
        opa("orders/export")
            .has("custody.policy.decision", "allow")
            .has("custody.policy.reason", "customers may export their own orders")
            .has("custody.policy.decision_id", opaRequest("orders/export").decisionId())
            .children(http);
    TraceAssert trace =
        assertThat(spans).containsTree(span("execute_tool exportOrders").children(decision));
    assertThat(trace.received(decision).endNanos())
        .isGreaterThanOrEqualTo(trace.received(http).endNanos());
  }

  @Test
  void aStreamClosedBeforeTheAnswerIsReadStillEndsItsDecision() {
    ExpectedSpan decision =
        opa("orders/hold")
            .has("custody.policy.decision", "unparsed")
            .has("custody.policy.input", v -> v.contains("\"action\":\"hold\""))
            .children(span("POST").kind(CLIENT));
    ExpectedSpan tool = span("execute_tool holdOrders").children(decision);
    TraceAssert trace = assertThat(spans).containsTree(tool);
    assertThat(trace.received(decision).endNanos())
        .isLessThanOrEqualTo(trace.received(tool).endNanos());
  }

  @Test
  void aQuestionAskedWithHttpUrlConnectionIsTheParentOfItsHttpCall() {
    ExpectedSpan http =
        span("POST")
            .kind(CLIENT)
            .satisfies(
                "traced as an HttpURLConnection call",
                span ->
                    assertThat(span.scope()).startsWith("io.opentelemetry.http-url-connection"));
    ExpectedSpan decision =
        opa("orders/archive")
            .has("custody.policy.decision", "allow")
            .has("custody.policy.reason", "closed orders may be archived")
            .has("custody.policy.decision_id", opaRequest("orders/archive").decisionId())
            .has("custody.policy.input", "{\"input\":{\"user\":\"alice\",\"action\":\"archive\"}}")
            .has("custody.policy.input.hash", v -> v.matches("sha256:[0-9a-f]{64}"))
            .children(http);
    TraceAssert trace =
        assertThat(spans).containsTree(span("execute_tool archiveOrders").children(decision));

    ReceivedSpan httpCall = trace.received(http);
    assertThat(opaRequest("orders/archive").traceparent())
        .startsWith("00-" + root.traceId() + "-" + httpCall.spanId());
    assertThat(trace.received(decision).endNanos()).isGreaterThanOrEqualTo(httpCall.endNanos());
  }

  @Test
  void aDenyAskedWithOkHttpMarksTheToolItStopped() {
    assertThat(spans)
        .containsTree(
            span("execute_tool deleteOrders")
                .error()
                .has("error.type", "policy_denied")
                .has("custody.policy.decision", "deny")
                .has("custody.policy.denied", "true")
                .has("custody.policy.denied_by", List.of("orders/delete/deny"))
                .children(
                    opa("orders/delete/deny")
                        .has("custody.policy.decision", "deny")
                        .has("custody.policy.reason", "bob may not delete orders")
                        .has("custody.policy.input", v -> v.contains("\"user\":\"bob\""))
                        .children(
                            span("POST")
                                .kind(CLIENT)
                                .satisfies(
                                    "traced as an OkHttp call",
                                    span ->
                                        assertThat(span.scope())
                                            .startsWith("io.opentelemetry.okhttp")))));
    assertThat(spans)
        .containsTree(
            span("execute_tool listOrders")
                .noError()
                .has("custody.policy.decision", "allow")
                .lacks("custody.policy.denied")
                .children(opa("orders/read").children(span("POST"))));
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
    assertThat(tool.attr("gen_ai.tool.call.result"))
        .matches("OPA answered 200 with 600\\d\\d characters");
  }

  @Test
  void aVerifiedPermissionsDecisionStandsBesideTheSdkCallWithTheQuestionAndTheDeterminingPolicy() {
    ExpectedSpan decision =
        avp()
            .has("custody.policy.store", "PSdesk0000000000000001")
            .has("custody.policy.decision", "allow")
            .has("custody.policy.id", ScriptedVerifiedPermissionsServer.PERMIT_POLICY)
            .has(
                "custody.policy.input",
                v ->
                    v.contains(
                            "\"principal\":{\"entityType\":\"Desk::User\",\"entityId\":\"alice\"}")
                        .contains(
                            "\"actionId\":\"refund\"",
                            "\"contextMap\":{\"mfa\":{\"boolean\":true}}")
                        .doesNotContain("PSdesk"))
            .has("custody.policy.input.hash", v -> v.matches("sha256:[0-9a-f]{64}"));
    // siblings under the tool
    ExpectedSpan sdkCall = span("VerifiedPermissions.IsAuthorized").kind(CLIENT);
    TraceAssert trace =
        assertThat(spans)
            .containsTree(span("execute_tool refundOrders").childrenInAnyOrder(decision, sdkCall));

    assertThat(trace.received(decision).startNanos())
        .isLessThanOrEqualTo(trace.received(sdkCall).startNanos());
    assertThat(trace.received(decision).endNanos())
        .as("once the answer is read")
        .isGreaterThan(trace.received(sdkCall).startNanos());
  }

  @Test
  void aDecisionOnTheUsersTokenRecordsTheQuestionButNeverTheToken() {
    assertThat(avp.requests())
        .filteredOn(request -> request.body().contains(identityToken))
        .as("the token reached Verified Permissions")
        .hasSize(1);
    assertThat(spans)
        .containsTree(
            span("execute_tool shareOrders")
                .error()
                .has("error.type", "policy_denied")
                .has("custody.policy.denied", "true")
                .has(
                    "custody.policy.denied_by",
                    List.of(ScriptedVerifiedPermissionsServer.FORBID_POLICY))
                .childrenInAnyOrder(
                    avp()
                        .has("custody.policy.decision", "deny")
                        .has("custody.policy.id", ScriptedVerifiedPermissionsServer.FORBID_POLICY)
                        .has(
                            "custody.policy.input",
                            v -> v.contains("\"actionId\":\"share\"").doesNotContain("Token")),
                    span("VerifiedPermissions.IsAuthorizedWithToken").kind(CLIENT)));
    assertThat(receiver.rawBytesContain(identityToken))
        .as("exported bytes contain the identity token")
        .isFalse();
  }

  @Test
  void aBatchAskedWithTheAsyncClientIsOneDecisionDeniedWhenAnyOfItsRequestsIs() {
    assertThat(spans)
        .containsTree(
            span("execute_tool auditReaders")
                .childrenInAnyOrder(
                    avp()
                        .has("custody.policy.decision", "deny")
                        .has(
                            "custody.policy.id",
                            ScriptedVerifiedPermissionsServer.PERMIT_POLICY
                                + ","
                                + ScriptedVerifiedPermissionsServer.FORBID_POLICY)
                        .has(
                            "custody.policy.input",
                            v -> v.contains("\"entityId\":\"alice\"", "\"entityId\":\"bob\"")),
                    span("VerifiedPermissions.BatchIsAuthorized").kind(CLIENT)));
  }

  @Test
  void aCedarDecisionNamesThePolicyThatPermittedOrForbadeIt() {
    assertThat(spans.named("policy_decision cedar")).hasSize(2);
    assertThat(spans)
        .containsTree(
            span("invoke_agent OrdersAssistant")
                .childrenIncluding(
                    span("execute_tool applyDiscount")
                        .noError()
                        .lacks("custody.policy.denied")
                        .children(
                            cedar()
                                .has("custody.policy.input", v -> v.contains("amount=20"))
                                .has("custody.policy.decision", "allow")
                                .has("custody.policy.id", "policy0")),
                    span("execute_tool applyDiscount")
                        .error()
                        .has("error.type", "policy_denied")
                        .has("custody.policy.denied", "true")
                        .has("custody.policy.denied_by", List.of("policy1"))
                        .children(
                            cedar()
                                .has("custody.policy.input", v -> v.contains("amount=80"))
                                .has("custody.policy.decision", "deny")
                                .has("custody.policy.id", "policy1"))));
  }

  @Test
  void theCaseRootCountsItsDecisionsPerOutcomeAndNamesThePoliciesThatDenied() {
    assertThat(spans.where(span -> "opa".equals(span.attr("custody.policy.engine"))))
        .as("the model's HTTP calls are no decisions")
        .hasSize(7);
    assertThat(spans.where(span -> "avp".equals(span.attr("custody.policy.engine")))).hasSize(3);
    assertThat(root.attr("custody.policy.decisions")).isEqualTo("12");
    assertThat(root.attr("custody.policy.allowed_count")).isEqualTo("6");
    assertThat(root.attr("custody.policy.denied_count"))
        .as("shareOrders, auditReaders, applyDiscount(80), deleteOrders")
        .isEqualTo("4");
    assertThat(root.has("custody.policy.decision")).as("no last decision").isFalse();
    assertThat(root.attr("custody.policy.denied")).isEqualTo("true");
    assertThat(root.attrList("custody.policy.denied_by"))
        .containsExactlyInAnyOrder(
            ScriptedVerifiedPermissionsServer.FORBID_POLICY,
            ScriptedVerifiedPermissionsServer.PERMIT_POLICY,
            "policy1",
            "orders/delete/deny");
  }

  @Test
  void theCaseRootCarriesWhatShouldWorryAnInvestigator() {
    List<String> findings = root.attrList("custody.findings");
    assertThat(findings)
        .as("no identity configured: as whom it ran is unknown, and the record says so")
        .contains("unknown-workload-identity", "record-incomplete")
        .as("every tool a policy denied stopped; every write was asked about")
        .doesNotContain("tool-despite-deny", "unauthorised-action");
    List<Map<String, String>> events = root.events("custody.finding");
    assertThat(root.attr("custody.findings.count")).isEqualTo(String.valueOf(events.size()));
    assertThat(events).extracting(event -> event.get("custody.finding.rule")).containsAll(findings);
    assertThat(events)
        .filteredOn(event -> event.get("custody.finding.rule").equals("record-incomplete"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event)
                  .containsEntry("custody.finding.severity", "low")
                  .containsEntry("custody.finding.span_id", root.spanId());
              assertThat(event.get("custody.finding.summary"))
                  .isEqualTo("the case's record lacks workload_identity");
            });
  }

  private ReceivedSpan decisionOn(String path) {
    List<ReceivedSpan> decisions = spans.where(span -> path.equals(span.attr("custody.policy.id")));
    assertThat(decisions).as("decisions on %s", path).hasSize(1);
    return decisions.get(0);
  }

  /** A question OPA answered on {@code path}, in the case. */
  private ExpectedSpan opa(String path) {
    return span("policy_decision opa " + path)
        .kind(INTERNAL)
        .has("custody.case.id", root.attr("custody.case.id"))
        .has("custody.policy.engine", "opa")
        .has("custody.policy.id", path);
  }

  /** A question Verified Permissions answered, in the case. */
  private ExpectedSpan avp() {
    return span("policy_decision avp")
        .kind(INTERNAL)
        .has("custody.case.id", root.attr("custody.case.id"))
        .has("custody.policy.engine", "avp");
  }

  /** A question Cedar answered in process, about alice's discount on all orders. */
  private static ExpectedSpan cedar() {
    return span("policy_decision cedar")
        .kind(INTERNAL)
        .has("custody.policy.engine", "cedar")
        .has(
            "custody.policy.input",
            v ->
                v.startsWith(
                    "Request(Desk::User::\"alice\", Desk::Action::\"discount\", Desk::Orders::\"all\""));
  }

  private ReceivedSpan httpCallUnder(ReceivedSpan decision) {
    List<ReceivedSpan> children =
        spans.where(span -> decision.spanId().equals(span.parentSpanId()));
    assertThat(children)
        .as("children of %s", decision)
        .singleElement()
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
