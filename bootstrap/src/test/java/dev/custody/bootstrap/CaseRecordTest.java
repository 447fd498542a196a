package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseRecordTest {

  private final CaseRecord record = new CaseRecord(null);
  private final long now = System.currentTimeMillis();

  @AfterEach
  void forget() {
    RevokedCredentials.clear();
  }

  @Test
  void aCaseOwesTheCredentialsItObtainedThatAreNeitherRevokedNorExpired() {
    record.obtained("db-lease", now + 60_000);
    record.obtained("static-key", CredentialLedger.NEVER);
    record.obtained("unknown-expiry", CredentialLedger.UNKNOWN);
    record.obtained("expired-token", now - 1);
    record.obtained("revoked-lease", now + 60_000);
    RevokedCredentials.revoked("revoked-lease");

    assertThat(record.outstanding(now))
        .extracting(CaseRecord.Obtained::credentialId)
        .containsExactly("db-lease", "static-key", "unknown-expiry");
  }

  @Test
  void aPrefixRevocationEndsEveryCredentialUnderIt() {
    record.obtained("database/creds/orders/a1", now + 60_000);
    record.obtained("database/creds/orders/b2", now + 60_000);
    record.obtained("database/creds/billing/c3", now + 60_000);

    RevokedCredentials.revokedUnder("database/creds/orders/");

    assertThat(record.outstanding(now))
        .extracting(CaseRecord.Obtained::credentialId)
        .containsExactly("database/creds/billing/c3");
  }

  @Test
  void aRevocationBeforeTheCaseObtainedTheCredentialAgainDoesNotEndIt() throws Exception {
    RevokedCredentials.revoked("renewed-token");
    Thread.sleep(5);

    record.obtained("renewed-token", CredentialLedger.NEVER);

    assertThat(record.outstanding(System.currentTimeMillis())).hasSize(1);
  }

  @Test
  void beyondItsBoundTheRecordSaysCredentialsWereLeftUncounted() {
    for (int i = 0; i <= CaseRecord.MAX_CREDENTIALS; i++) {
      record.obtained("credential-" + i, CredentialLedger.NEVER);
    }

    assertThat(record.outstanding(now)).hasSize(CaseRecord.MAX_CREDENTIALS);
    assertThat(record.credentialsDropped()).isTrue();
  }

  @Test
  void decisionsAddUpToTheirCountTheLastAndWhetherAnyDenied() {
    assertThat(record.decisions()).isEqualTo(new CaseRecord.Decisions(0, null, false));

    record.decided("allow", false);
    record.decided("deny", true);
    record.decided("allow", false);

    assertThat(record.decisions()).isEqualTo(new CaseRecord.Decisions(3, "allow", true));
  }
}
