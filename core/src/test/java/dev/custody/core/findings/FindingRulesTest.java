package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custody.core.findings.TestCase.Span;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingRulesTest {

  /** A refund the policy denied but that ran, by an unknown workload, on a never-expiring key. */
  private static SpansOfCase deniedRefund(String caseId) {
    Span root =
        agent()
            .attr("custody.workload.id", "unknown")
            .attr("custody.record.complete", "false")
            .attr("custody.record.missing", List.of("workload_identity"));
    Span fetch =
        span("fetch vault")
            .under(root)
            .at(2)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", "secret/payments")
            .attr("custody.credential.expiry", "none");
    Span refund = span("execute_tool refundOrder").under(root).at(5).lasting(3);
    Span opa =
        span("policy_decision opa orders/refund")
            .under(refund)
            .at(5)
            .attr("custody.policy.engine", "opa")
            .attr("custody.policy.decision", "deny");
    Span post =
        span("POST")
            .under(refund)
            .at(6)
            .kind("CLIENT")
            .attr("http.request.method", "POST")
            .attr("custody.credential.used", "secret/payments");
    return TestCase.of(caseId, root, fetch, refund, opa, post);
  }

  @Test
  void mostSevereFirstThenInTheOrderOfTheCase() {
    assertThat(FindingRules.of(deniedRefund("case-a")))
        .extracting(CaseFinding::severity, CaseFinding::rule)
        .containsExactly(
            tuple("high", "tool-despite-deny"),
            tuple("medium", "unknown-workload-identity"),
            tuple("medium", "static-secret"),
            tuple("low", "record-incomplete"));
  }

  @Test
  void everyRuleIdIsTheIssuesAndEveryFindingMapsToAFramework() {
    assertThat(Arrays.stream(Rule.values()).map(Rule::id))
        .containsExactly(
            "credential-used-after-expiry",
            "credential-used-after-revocation",
            "credential-shared-across-cases",
            "static-secret",
            "authority-outlived-case",
            "tool-despite-deny",
            "unauthorised-action",
            "unknown-workload-identity",
            "no-end-user",
            "secret-exposed-to-model",
            "record-incomplete",
            "evidence-tampered");
    assertThat(Rule.values())
        .allSatisfy(
            rule ->
                assertThat(rule.mapsTo())
                    .anyMatch(id -> List.of("GOVERN", "MAP", "MEASURE", "MANAGE").contains(id)));
  }

  @Test
  void oddValuesMakeNoFindingAndNoException() {
    Span root =
        agent()
            .attr("custody.workload.id", "spiffe://prod.example/ns/agents/sa/travel")
            .attr("custody.credentials.outstanding", "-3")
            .attr("custody.authority.ends_at", "soon")
            .attr("custody.record.missing", "");
    Span nameless = span(null).under(root).at(1).attr("custody.credential.used", "");
    Span fetch =
        span("fetch vault")
            .under(root)
            .at(2)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", "database/creds/orders/Xk2m")
            .attr("custody.credential.ttl_s", "forever")
            .attr("custody.credential.issued_at", "yesterday")
            .attr("custody.credential.expires_at", "2026-02-30T25:00:00Z")
            .event("custody.credential.obtained", "custody.credential.id");
    Span call =
        span("GET")
            .under(root)
            .at(3000)
            .kind("CLIENT")
            .attr("custody.credential.used", List.of("database/creds/orders/Xk2m", "unknown"));

    assertThat(FindingRules.of(TestCase.of(root, nameless, fetch, call))).isEmpty();
  }

  @Test
  void anEmptyCaseHasNoFindings() {
    assertThat(FindingRules.of(new SpansOfCase("case-a", List.of()))).isEmpty();
  }
}
