package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownWorkloadIdentityTest {

  @Test
  void aCaseThatRanAsNobodyKnown() {
    TestCase.Span root = agent().attr("custody.workload.id", "unknown");

    assertThat(new UnknownWorkloadIdentity().findIn(TestCase.of(root)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("unknown-workload-identity");
              assertThat(finding.spanId()).isEqualTo(root.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "'invoke_agent OrdersAssistant' ran with no identified workload"
                          + " (custody.workload.id=unknown)");
            });
  }

  @Test
  void aRootThatSaysNothing() {
    assertThat(new UnknownWorkloadIdentity().findIn(TestCase.of(agent()))).hasSize(1);
  }

  @Test
  void silentOnASpiffeWorkload() {
    TestCase.Span root =
        agent()
            .attr("custody.workload.id", "spiffe://prod.example/ns/agents/sa/travel")
            .attr("custody.workload.id.source", "spiffe");

    assertThat(new UnknownWorkloadIdentity().findIn(TestCase.of(root))).isEmpty();
  }
}
