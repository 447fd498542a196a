package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.time;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorityOutlivedCaseTest {

  @Test
  void theCaseEndedWithALeaseValidForAnotherHour() {
    TestCase.Span root =
        agent()
            .lasting(60)
            .attr("custody.credentials.outstanding", "1")
            .attr("custody.authority.ends_at", time(3660))
            .event(
                "custody.credential.outstanding",
                "custody.credential.id",
                "database/creds/orders/Xk2m",
                "custody.credential.expires_at",
                time(3660));

    assertThat(new AuthorityOutlivedCase().findIn(TestCase.of(root)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("authority-outlived-case");
              assertThat(finding.spanId()).isEqualTo(root.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "the case ended at 2026-11-27T12:01:00Z with 1 credential still valid"
                          + " (database/creds/orders/Xk2m), for 1 h after it"
                          + " (until 2026-11-27T13:01:00Z)");
            });
  }

  @Test
  void aCredentialThatNeverExpires() {
    TestCase.Span root =
        agent()
            .attr("custody.credentials.outstanding", "2")
            .attr("custody.authority.ends_at", time(3660))
            .attr("custody.authority.unbounded", "true");

    assertThat(new AuthorityOutlivedCase().findIn(TestCase.of(root)))
        .extracting(CaseFinding::summary)
        .containsExactly(
            "the case ended at 2026-11-27T12:01:00Z with 2 credentials still valid,"
                + " and one of them never expires");
  }

  @Test
  void aCredentialThatNeverExpiresAsAnOlderAgentSaidIt() {
    TestCase.Span root =
        agent()
            .attr("custody.credentials.outstanding", "2")
            .attr("custody.authority.ends_at", "none");

    assertThat(new AuthorityOutlivedCase().findIn(TestCase.of(root)))
        .extracting(CaseFinding::summary)
        .containsExactly(
            "the case ended at 2026-11-27T12:01:00Z with 2 credentials still valid,"
                + " and one of them never expires");
  }

  @Test
  void silentWhenEverythingWasTornDown() {
    TestCase.Span root = agent().attr("custody.credentials.outstanding", "0");

    assertThat(new AuthorityOutlivedCase().findIn(TestCase.of(root))).isEmpty();
  }

  @Test
  void silentOnACountThatIsNoNumber() {
    TestCase.Span root = agent().attr("custody.credentials.outstanding", "several");

    assertThat(new AuthorityOutlivedCase().findIn(TestCase.of(root))).isEmpty();
  }
}
