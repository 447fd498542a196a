package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import org.junit.jupiter.api.Test;

class ToolDespiteDenyTest {

  private final Span root = agent();

  private Span deny(Span under, long at) {
    return span("policy_decision opa")
        .under(under)
        .at(at)
        .attr("custody.policy.engine", "opa")
        .attr("custody.policy.decision", "deny")
        .attr("custody.policy.id", "orders/refund/allow");
  }

  @Test
  void aRefundThatRanAlthoughOpaDeniedIt() {
    Span refund =
        span("execute_tool refundOrder")
            .under(root)
            .at(5)
            .lasting(3)
            .attr("gen_ai.tool.name", "refundOrder")
            .attr("custody.policy.decision", "deny")
            .attr("custody.policy.denied", "true");
    Span opa = deny(refund, 5);

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, refund, opa)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("tool-despite-deny");
              assertThat(finding.severity()).isEqualTo("high");
              assertThat(finding.spanId()).isEqualTo(refund.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "tool refundOrder ran to completion although 'policy_decision opa' denied"
                          + " it (policy orders/refund/allow)");
              assertThat(finding.mapsTo()).contains("ASI02", "LLM06");
            });
  }

  @Test
  void aToolNestedInACallThatWasDenied() {
    Span workflow = span("execute_tool closeAccount").under(root).at(5).lasting(10);
    Span opa = deny(workflow, 5);
    Span nested = span("execute_tool deleteCustomer").under(workflow).at(8);

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, workflow, opa, nested)))
        .extracting(CaseFinding::spanId)
        .containsExactly(workflow.id(), nested.id());
  }

  @Test
  void silentOnADenyThatStoppedTheTool() {
    Span refund =
        span("execute_tool refundOrder")
            .under(root)
            .at(5)
            .attr("custody.policy.denied", "true")
            .failed("dev.example.PolicyDenied");
    Span opa = deny(refund, 5);

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, refund, opa))).isEmpty();
  }

  @Test
  void aToolCustodyMarkedDeniedThatWentOnAfterTheDeny() {
    Span refund =
        span("execute_tool refundOrder")
            .under(root)
            .at(5)
            .lasting(4)
            .attr("gen_ai.tool.name", "refundOrder")
            .attr("custody.policy.denied", "true")
            .failed("policy_denied");
    Span opa = deny(refund, 5);
    Span opaCall = span("POST").under(opa).at(5).kind("CLIENT");
    Span payout = span("POST").under(refund).at(7).kind("CLIENT");

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, refund, opa, opaCall, payout)))
        .singleElement()
        .satisfies(
            finding ->
                assertThat(finding.summary())
                    .isEqualTo(
                        "tool refundOrder went on after 'policy_decision opa' denied it"
                            + " (policy orders/refund/allow): 'POST'"));
  }

  @Test
  void aToolThatActedAfterTheUserDeclinedWhatItAsked() {
    Span refund = span("tools/call refund").under(root).at(5).lasting(10);
    Span asked = escalation(refund, 6, "denied");
    Span payout = span("POST").under(refund).at(12).kind("CLIENT");

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, refund, asked, payout)))
        .singleElement()
        .satisfies(
            finding ->
                assertThat(finding.summary())
                    .isEqualTo(
                        "tool refund went on after 'escalation elicitation' denied it: 'POST'"));
  }

  @Test
  void silentOnAToolThatStoppedWhenTheUserDeclinedOrActedOnlyOnApproval() {
    Span declined = span("tools/call refund").under(root).at(5).lasting(10);
    Span no = escalation(declined, 6, "denied");
    Span approved = span("tools/call refund").under(root).at(20).lasting(10);
    Span yes = escalation(approved, 21, "approved");
    Span payout = span("POST").under(approved).at(25).kind("CLIENT");

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, declined, no, approved, yes, payout)))
        .isEmpty();
  }

  private static Span escalation(Span asker, long at, String outcome) {
    return span("escalation elicitation")
        .under(asker)
        .at(at)
        .lasting(2)
        .attr("custody.escalation.kind", "elicitation")
        .attr("custody.escalation.outcome", outcome);
  }

  @Test
  void silentOnAToolCustodyMarkedDeniedThatStopped() {
    Span refund =
        span("execute_tool refundOrder")
            .under(root)
            .at(5)
            .lasting(4)
            .attr("custody.policy.denied", "true")
            .failed("policy_denied");
    Span opa = deny(refund, 5);
    Span opaCall = span("POST").under(opa).at(5).kind("CLIENT");

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, refund, opa, opaCall))).isEmpty();
  }

  @Test
  void silentOnAToolBesideADeniedOne() {
    Span denied = span("execute_tool refundOrder").under(root).at(5).failed("PolicyDenied");
    Span opa = deny(denied, 5);
    Span lookup = span("execute_tool lookupOrder").under(root).at(7);
    Span rootDenied = root.attr("custody.policy.denied", "true");

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(rootDenied, denied, opa, lookup)))
        .isEmpty();
  }

  @Test
  void anMcpToolWhoseServerRanItDespiteADeny() {
    Span client = span("tools/call refund").under(root).at(5).lasting(2).kind("CLIENT");
    Span server = span("tools/call refund").under(client).at(5).kind("SERVER");
    Span opa = deny(server, 5);

    assertThat(new ToolDespiteDeny().findIn(TestCase.of(root, client, server, opa)))
        .extracting(CaseFinding::spanId)
        .containsExactly(server.id());
  }
}
