package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static dev.custody.core.findings.TestCase.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import org.junit.jupiter.api.Test;

class StaticSecretTest {

  private static final String ORDERS_DB =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-db-AbCdEf";

  private final Span root = agent();

  @Test
  void aSecretThatNeverExpires() {
    Span fetch =
        span("fetch aws-secretsmanager orders-db")
            .under(root)
            .at(2)
            .kind("CLIENT")
            .attr("custody.credential.provider", "aws-secretsmanager")
            .attr("custody.credential.id", ORDERS_DB)
            .attr("custody.credential.expiry", "none");

    assertThat(new StaticSecret().findIn(TestCase.of(root, fetch)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("static-secret");
              assertThat(finding.severity()).isEqualTo("medium");
              assertThat(finding.spanId()).isEqualTo(fetch.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      ORDERS_DB
                          + " (aws-secretsmanager, fetched by 'fetch aws-secretsmanager orders-db')"
                          + " never expires");
            });
  }

  @Test
  void eachSecretOfABatchFetchThatNeverExpires() {
    Span batch =
        span("SecretsManager.BatchGetSecretValue")
            .under(root)
            .at(2)
            .attr("custody.credential.provider", "aws-secretsmanager")
            .event(
                "custody.credential.obtained",
                "custody.credential.id",
                ORDERS_DB,
                "custody.credential.expiry",
                "none")
            .event(
                "custody.credential.obtained",
                "custody.credential.id",
                "arn:aws:secretsmanager:eu-west-1:1:secret:short",
                "custody.credential.expires_at",
                time(3600));

    assertThat(new StaticSecret().findIn(TestCase.of(root, batch)))
        .extracting(CaseFinding::summary)
        .singleElement()
        .asString()
        .startsWith(ORDERS_DB);
  }

  @Test
  void aTokenValidForAYear() {
    Span fetch =
        span("fetch kubernetes")
            .under(root)
            .attr("custody.credential.provider", "kubernetes")
            .attr("custody.credential.id", "system:serviceaccount:agents:ops-agent")
            .attr("custody.credential.issued_at", time(0))
            .attr("custody.credential.expires_at", time(365 * 86_400));

    assertThat(new StaticSecret().findIn(TestCase.of(root, fetch)))
        .extracting(CaseFinding::summary)
        .containsExactly(
            "system:serviceaccount:agents:ops-agent (kubernetes, fetched by 'fetch kubernetes')"
                + " was valid for 365 d when fetched");
  }

  @Test
  void silentOnALeaseOfExactlyThirtyDays() {
    Span fetch =
        span("fetch vault")
            .under(root)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", "database/creds/orders/Xk2m")
            .attr("custody.credential.ttl_s", "2592000")
            .attr("custody.credential.expires_at", time(2_592_000));

    assertThat(new StaticSecret().findIn(TestCase.of(root, fetch))).isEmpty();
  }

  @Test
  void silentOnAFetchThatFailed() {
    Span fetch =
        span("fetch vault")
            .under(root)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", "secret/orders-api")
            .failed("403");

    assertThat(new StaticSecret().findIn(TestCase.of(root, fetch))).isEmpty();
  }
}
