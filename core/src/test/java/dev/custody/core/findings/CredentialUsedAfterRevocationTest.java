package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import org.junit.jupiter.api.Test;

class CredentialUsedAfterRevocationTest {

  private static final String TOKEN = "hfhE3JdBFaJjtrj4mtJuSFtq";
  private static final String LEASE = "database/creds/orders/Xk2mP9qR7sT1uV3wY5zA8bC0";

  private final Span root = agent();

  private Span revoke(String id, long at) {
    return span("revoke vault")
        .under(root)
        .at(at)
        .attr("custody.teardown.kind", "revoke")
        .attr("custody.credential.provider", "vault")
        .attr("custody.credential.id", id);
  }

  private Span call(String used, long at) {
    return span("GET").under(root).at(at).kind("CLIENT").attr("custody.credential.used", used);
  }

  @Test
  void aTokenPresentedAfterItsRevocation() {
    Span revoke = revoke(TOKEN, 10);
    Span call = call(TOKEN, 20);

    assertThat(new CredentialUsedAfterRevocation().findIn(TestCase.of(root, revoke, call)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("credential-used-after-revocation");
              assertThat(finding.spanId()).isEqualTo(call.id());
              assertThat(finding.summary())
                  .isEqualTo("'GET' presented " + TOKEN + " 9 s after 'revoke vault' revoked it");
            });
  }

  @Test
  void aLeaseUnderARevokedPrefix() {
    Span revokePrefix = revoke("database/creds/orders/", 10);
    Span call = call(LEASE, 30);

    assertThat(new CredentialUsedAfterRevocation().findIn(TestCase.of(root, revokePrefix, call)))
        .extracting(CaseFinding::spanId)
        .containsExactly(call.id());
  }

  @Test
  void silentOnACallJustBeforeTheRevocation() {
    Span call = call(TOKEN, 9);
    Span revoke = revoke(TOKEN, 10);

    assertThat(new CredentialUsedAfterRevocation().findIn(TestCase.of(root, call, revoke)))
        .isEmpty();
  }

  @Test
  void silentAfterARevocationThatFailedOrARotation() {
    Span failed = revoke(TOKEN, 10).failed("org.springframework.vault.VaultException");
    Span rotate =
        span("rotate vault")
            .at(10)
            .attr("custody.teardown.kind", "lease_end")
            .attr("custody.credential.id", LEASE);

    assertThat(
            new CredentialUsedAfterRevocation()
                .findIn(TestCase.of(root, failed, rotate, call(TOKEN, 20), call(LEASE, 20))))
        .isEmpty();
  }
}
