package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CredentialLedgerTest {

  private static final CredentialLedger.Issuance IN_CASE = new CredentialLedger.Issuance("case-1", "t1", "s1");
  private static final long NOW = 1_000_000L;

  @AfterEach
  void forget() {
    CredentialLedger.clear();
  }

  @Test
  void aCaseOwesTheCredentialsItObtainedThatAreNeitherRevokedNorExpired() {
    CredentialLedger.obtained("db-lease", IN_CASE, NOW + 60_000, List.of());
    CredentialLedger.obtained("static-key", IN_CASE, CredentialLedger.NEVER, List.of());
    CredentialLedger.obtained("unknown-expiry", IN_CASE, CredentialLedger.UNKNOWN, List.of());
    CredentialLedger.obtained("expired-token", IN_CASE, NOW - 1, List.of());
    CredentialLedger.obtained("revoked-lease", IN_CASE, NOW + 60_000, List.of());
    CredentialLedger.obtained("other-case", new CredentialLedger.Issuance("case-2", "t2", "s2"), NOW + 1, List.of());
    CredentialLedger.revoked("revoked-lease");

    assertThat(CredentialLedger.outstanding("case-1", NOW))
        .extracting(CredentialLedger.Obtained::credentialId)
        .containsExactly("db-lease", "static-key", "unknown-expiry");
    assertThat(CredentialLedger.outstanding("no-such-case", NOW)).isEmpty();
  }

  @Test
  void aPrefixRevocationEndsEveryCredentialUnderIt() {
    CredentialLedger.obtained("database/creds/orders/a1", IN_CASE, NOW + 60_000, List.of());
    CredentialLedger.obtained("database/creds/orders/b2", IN_CASE, NOW + 60_000, List.of());
    CredentialLedger.obtained("database/creds/billing/c3", IN_CASE, NOW + 60_000, List.of());

    CredentialLedger.revokedUnder("database/creds/orders/");

    assertThat(CredentialLedger.outstanding("case-1", NOW))
        .extracting(CredentialLedger.Obtained::credentialId)
        .containsExactly("database/creds/billing/c3");
  }

  @Test
  void valuesLeadBackToTheirCredentialAndItsIssuance() {
    assertThat(CredentialLedger.hasValues()).isFalse();

    CredentialLedger.obtained("vault:database/creds/agent", IN_CASE, NOW, List.of("fake-user", "fake-pass-123"));

    assertThat(CredentialLedger.hasValues()).isTrue();
    assertThat(CredentialLedger.credentialOf("fake-pass-123")).isEqualTo("vault:database/creds/agent");
    assertThat(CredentialLedger.credentialOf("something-else")).isNull();
    assertThat(CredentialLedger.credentialOf("fake-pass-124")).as("same length, another value").isNull();
    assertThat(CredentialLedger.credentialOf(null)).isNull();
    assertThat(CredentialLedger.issuance("vault:database/creds/agent")).isEqualTo(IN_CASE);
  }

  @Test
  void aFetchOutsideAnyCaseStillLinksItsValues() {
    CredentialLedger.obtained("refreshed-role", new CredentialLedger.Issuance(null, "t", "s"), NOW, List.of("ASIAFAKE"));

    assertThat(CredentialLedger.credentialOf("ASIAFAKE")).isEqualTo("refreshed-role");
  }

  @Test
  void theOldestValuesAreForgottenBeyondTheBound() {
    for (int i = 0; i <= CredentialLedger.MAX_VALUES; i++) {
      CredentialLedger.obtained("credential-" + i, IN_CASE, NOW, List.of("value-" + i));
    }

    assertThat(CredentialLedger.credentialOf("value-0")).isNull();
    assertThat(CredentialLedger.credentialOf("value-" + CredentialLedger.MAX_VALUES))
        .isEqualTo("credential-" + CredentialLedger.MAX_VALUES);
  }
}
