package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CredentialLedgerTest {

  private static final CredentialLedger.Issuance IN_CASE =
      new CredentialLedger.Issuance("case-1", "t1", "s1");

  @AfterEach
  void forget() {
    CredentialLedger.clear();
  }

  @Test
  void valuesLeadBackToTheirCredentialAndItsIssuance() {
    assertThat(CredentialLedger.hasValues()).isFalse();

    CredentialLedger.obtained(
        "vault:database/creds/agent", IN_CASE, List.of("fake-user", "fake-pass-123"));

    assertThat(CredentialLedger.hasValues()).isTrue();
    assertThat(CredentialLedger.credentialOf("fake-pass-123"))
        .isEqualTo("vault:database/creds/agent");
    assertThat(CredentialLedger.credentialOf("something-else")).isNull();
    assertThat(CredentialLedger.credentialOf("fake-pass-124"))
        .as("same length, another value")
        .isNull();
    assertThat(CredentialLedger.credentialOf(null)).isNull();
    assertThat(CredentialLedger.issuances("vault:database/creds/agent")).containsExactly(IN_CASE);
  }

  @Test
  void aCredentialSharedByCasesKeepsTheLatestFetchOfEach() {
    CredentialLedger.Issuance again = new CredentialLedger.Issuance("case-1", "t3", "s3");
    CredentialLedger.Issuance otherCase = new CredentialLedger.Issuance("case-2", "t2", "s2");
    CredentialLedger.obtained("vault:secret/shared", IN_CASE, List.of());
    CredentialLedger.obtained("vault:secret/shared", otherCase, List.of());
    CredentialLedger.obtained("vault:secret/shared", again, List.of());

    assertThat(CredentialLedger.issuances("vault:secret/shared")).containsExactly(otherCase, again);
    assertThat(CredentialLedger.issuances("vault:secret/never-fetched")).isEmpty();
  }

  @Test
  void aFetchOutsideAnyCaseStillLinksItsValues() {
    CredentialLedger.obtained(
        "refreshed-role", new CredentialLedger.Issuance(null, "t", "s"), List.of("ASIAFAKE"));

    assertThat(CredentialLedger.credentialOf("ASIAFAKE")).isEqualTo("refreshed-role");
  }

  @Test
  void theOldestValuesAreForgottenBeyondTheBound() {
    for (int i = 0; i <= CredentialLedger.MAX_VALUES; i++) {
      CredentialLedger.obtained("credential-" + i, IN_CASE, List.of("value-" + i));
    }

    assertThat(CredentialLedger.credentialOf("value-0")).isNull();
    assertThat(CredentialLedger.credentialOf("value-" + CredentialLedger.MAX_VALUES))
        .isEqualTo("credential-" + CredentialLedger.MAX_VALUES);
  }
}
