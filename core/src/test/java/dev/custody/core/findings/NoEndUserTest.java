package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoEndUserTest {

  @Test
  void aRequestWithAnOpaqueToken() {
    TestCase.Span root = agent().underRemote().attr("custody.enduser.source", "opaque");

    assertThat(new NoEndUser().findIn(TestCase.of(root)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("no-end-user");
              assertThat(finding.spanId()).isEqualTo(root.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "'invoke_agent OrdersAssistant' was started by a request whose caller was"
                          + " not identified (custody.enduser.source=opaque)");
            });
  }

  @Test
  void silentWhenTheCallerIsNamed() {
    TestCase.Span root =
        agent()
            .underRemote()
            .attr("enduser.id", "alice@example.com")
            .attr("custody.enduser.source", "jwt_unverified");

    assertThat(new NoEndUser().findIn(TestCase.of(root))).isEmpty();
  }

  @Test
  void silentOnACaseNoRequestStarted() {
    assertThat(new NoEndUser().findIn(TestCase.of(agent()))).isEmpty();
  }
}
