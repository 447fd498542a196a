package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.ScriptedOpaServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An orders desk on LangChain4j whose tools ask a policy engine before they act: OPA over its REST API with the JDK
 * client (send, and sendAsync reading a stream) and with OkHttp. One run of it, read back as the trace it must leave:
 * each question a {@code policy_decision} between the tool and the HTTP call, the tool a deny stopped marked as such,
 * and the case root summing the decisions up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyDecisionsIT {

  static final String ANSWER = "Alice's orders are listed and exported; bob's could not be deleted.";

  private OtlpReceiver receiver;
  private ScriptedOpenAiServer model;
  private ScriptedOpaServer opa;
  private Spans spans;
  private ReceivedSpan root;

  @BeforeAll
  void runTheDesk() throws Exception {
    receiver = new OtlpReceiver();
    model = ScriptedOpenAiServer.start(
        List.of(
            new ToolCall("listOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("exportOrders", "{\"customer\":\"alice\"}"),
            new ToolCall("deleteOrders", "{\"customer\":\"bob\"}")),
        ANSWER);
    opa = ScriptedOpaServer.start()
        .document("orders/read", "{\"allow\":true}")
        .document("orders/export", "{\"allow\":true,\"reasons\":[\"customers may export their own orders\"]}")
        .document("orders/delete/deny", "[\"bob may not delete orders\"]");
    ForkedApp.Result result = ForkedApp.withCustody(receiver)
        .property("app.model.url", model.baseUrl())
        .property("app.opa.url", opa.endpoint())
        .runTestApp("policy-engines");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("ANSWER: " + ANSWER);
    spans = receiver.awaitSpans(received -> received.named("invoke_agent").size() == 1
        && received.named("policy_decision").size() >= 3);
    root = spans.one("invoke_agent");
  }

  @AfterAll
  void stop() {
    model.close();
    opa.close();
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
  void anAsyncQuestionReadAsAStreamEndsWithItsAnswerAndReason() {
    ReceivedSpan decision = decisionOn("orders/export");
    assertThat(spans.parentOf(decision).name()).isEqualTo("execute_tool exportOrders");
    assertThat(decision.attr("custody.policy.decision")).isEqualTo("allow");
    assertThat(decision.attr("custody.policy.reason")).isEqualTo("customers may export their own orders");
    assertThat(decision.attr("custody.policy.decision_id")).isEqualTo(opaRequest("orders/export").decisionId());
    assertThat(decision.endNanos()).isGreaterThanOrEqualTo(httpCallUnder(decision).endNanos());
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
  void theCaseRootCountsItsDecisionsAndSaysOneDenied() {
    assertThat(spans.named("policy_decision")).as("the model's HTTP calls are no decisions").hasSize(3);
    assertThat(root.attr("custody.policy.decisions")).isEqualTo("3");
    assertThat(root.attr("custody.policy.decision")).as("the last one").isEqualTo("deny");
    assertThat(root.attr("custody.policy.denied")).isEqualTo("true");
  }

  private ReceivedSpan decisionOn(String path) {
    List<ReceivedSpan> decisions = spans.where(span -> path.equals(span.attr("custody.policy.id")));
    assertThat(decisions).as("decisions on %s", path).hasSize(1);
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
