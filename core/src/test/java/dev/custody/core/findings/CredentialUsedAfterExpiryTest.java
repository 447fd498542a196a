package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static dev.custody.core.findings.TestCase.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import org.junit.jupiter.api.Test;

class CredentialUsedAfterExpiryTest {

  private static final String LEASE = "database/creds/orders/Xk2mP9qR7sT1uV3wY5zA8bC0";

  private final Span root = agent().lasting(600);
  private final Span fetch =
      span("fetch vault")
          .under(root)
          .at(1)
          .attr("custody.credential.provider", "vault")
          .attr("custody.credential.id", LEASE)
          .attr("custody.credential.expires_at", time(61));

  @Test
  void aCallThatPresentsALeaseAfterItsExpiry() {
    Span lateCall =
        span("POST").under(root).at(125).kind("CLIENT").attr("custody.credential.used", LEASE);

    assertThat(new CredentialUsedAfterExpiry().findIn(TestCase.of(root, fetch, lateCall)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("credential-used-after-expiry");
              assertThat(finding.severity()).isEqualTo("high");
              assertThat(finding.spanId()).isEqualTo(lateCall.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "'POST' presented "
                          + LEASE
                          + " 1 min 4 s after it expired"
                          + " (2026-11-27T12:01:01Z)");
              assertThat(finding.mapsTo()).contains("ASI03");
            });
  }

  @Test
  void silentOneSecondBeforeExpiry() {
    Span call =
        span("POST").under(root).at(60).kind("CLIENT").attr("custody.credential.used", LEASE);

    assertThat(new CredentialUsedAfterExpiry().findIn(TestCase.of(root, fetch, call))).isEmpty();
  }

  @Test
  void silentWhenTheCredentialWasFetchedAgainBeforeTheCall() {
    Span refetch =
        span("fetch vault")
            .under(root)
            .at(100)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", LEASE)
            .attr("custody.credential.expires_at", time(3700));
    Span call =
        span("POST").under(root).at(125).kind("CLIENT").attr("custody.credential.used", LEASE);

    assertThat(new CredentialUsedAfterExpiry().findIn(TestCase.of(root, fetch, refetch, call)))
        .isEmpty();
  }

  @Test
  void silentOnAnExpiryThatIsNoTimeAndOnACredentialFetchedElsewhere() {
    Span oddFetch =
        span("fetch vault")
            .under(root)
            .at(1)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", "secret/orders-api")
            .attr("custody.credential.expires_at", "next tuesday");
    Span calls =
        span("POST")
            .under(root)
            .at(500)
            .kind("CLIENT")
            .attr("custody.credential.used", "secret/orders-api");
    Span unknown =
        span("GET")
            .under(root)
            .at(500)
            .kind("CLIENT")
            .attr("custody.credential.used", "arn:aws:iam::123456789012:role/agent");

    assertThat(new CredentialUsedAfterExpiry().findIn(TestCase.of(root, oddFetch, calls, unknown)))
        .isEmpty();
  }

  @Test
  void readsAnExpiryGivenInEpochSeconds() {
    Span epochFetch =
        span("fetch gcp-secretmanager")
            .under(root)
            .at(1)
            .attr("custody.credential.provider", "gcp-secretmanager")
            .attr("custody.credential.id", "projects/1/secrets/k/versions/7")
            .attr(
                "custody.credential.expires_at",
                String.valueOf(TestCase.T0.plusSeconds(30).getEpochSecond()));
    Span call =
        span("GET")
            .under(root)
            .at(31)
            .kind("CLIENT")
            .attr("custody.credential.used", "projects/1/secrets/k/versions/7");

    assertThat(new CredentialUsedAfterExpiry().findIn(TestCase.of(root, epochFetch, call)))
        .extracting(CaseFinding::spanId)
        .containsExactly(call.id());
  }
}
