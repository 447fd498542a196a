package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseRecordTest {

  private final CaseRecord record = new CaseRecord(null);
  private final long now = System.currentTimeMillis();

  @Test
  void aCaseOwesTheCredentialsItObtainedThatAreNeitherRevokedNorExpired() {
    record.obtained("db-lease", "vault", "lease", now + 60_000);
    record.obtained("static-key", "vault", "lease", CredentialLedger.NEVER);
    record.obtained("unknown-expiry", "vault", "lease", CredentialLedger.UNKNOWN);
    record.obtained("expired-token", "vault", "lease", now - 1);
    record.obtained("revoked-lease", "vault", "lease", now + 60_000);
    CredentialHolders.revoked("revoked-lease");

    assertThat(record.outstanding(now))
        .extracting(CaseRecord.Obtained::credentialId)
        .containsExactly("db-lease", "static-key", "unknown-expiry");
  }

  @Test
  void theAuthorityEndsRevokedOnlyWhenEveryCredentialWasRevoked() {
    assertThat(record.authorityEndedBy(now)).as("no credential, no authority").isNull();

    record.obtained("first-lease", "vault", "lease", now + 60_000);
    assertThat(record.authorityEndedBy(now)).isEqualTo("outstanding");

    CredentialHolders.revoked("first-lease");
    assertThat(record.authorityEndedBy(now)).isEqualTo("revoked");

    record.obtained("second-lease", "vault", "lease", now + 60_000);
    CredentialHolders.givenUp("second-lease");
    assertThat(record.authorityEndedBy(now)).as("one was left to run out").isEqualTo("expired");
  }

  @Test
  void aCredentialPastItsExpiryEndsTheAuthorityAsExpired() {
    record.obtained("short-token", "vault", "lease", now - 1);

    assertThat(record.authorityEndedBy(now)).isEqualTo("expired");
  }

  @Test
  void aPrefixRevocationEndsEveryCredentialUnderIt() {
    record.obtained("database/creds/orders/a1", "vault", "lease", now + 60_000);
    record.obtained("database/creds/orders/b2", "vault", "lease", now + 60_000);
    record.obtained("database/creds/billing/c3", "vault", "lease", now + 60_000);

    CredentialHolders.revokedUnder("database/creds/orders/");

    assertThat(record.outstanding(now))
        .extracting(CaseRecord.Obtained::credentialId)
        .containsExactly("database/creds/billing/c3");
  }

  @Test
  void aRevocationConcernsOnlyTheCasesRunningWhenItHappens() {
    record.obtained("renewed-token", "vault", "lease", CredentialLedger.NEVER);
    record.ended();

    CredentialHolders.revoked("renewed-token");

    assertThat(record.outstanding(now)).as("what the case ended with").hasSize(1);
    assertThat(CredentialHolders.held("renewed-token"))
        .as("nothing held for a case that is over")
        .isFalse();
  }

  @Test
  void aRevokedCredentialIsForgottenAtOnce() {
    record.obtained("one-time-lease", "vault", "lease", CredentialLedger.NEVER);

    CredentialHolders.revoked("one-time-lease");

    assertThat(CredentialHolders.held("one-time-lease")).isFalse();
  }

  @Test
  void aCaseAbandonedWithoutAnEndIsLetGoOnceCollected() throws InterruptedException {
    CaseRecord abandoned = new CaseRecord(null);
    abandoned.obtained("abandoned-lease", "vault", "lease", CredentialLedger.NEVER);
    assertThat(CredentialHolders.held("abandoned-lease")).isTrue();
    abandoned = null;

    for (int i = 0; i < 50 && CredentialHolders.held("abandoned-lease"); i++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(CredentialHolders.held("abandoned-lease")).isFalse();
  }

  @Test
  void beyondItsBoundTheRecordSaysCredentialsWereLeftUncounted() {
    for (int i = 0; i <= CaseRecord.MAX_CREDENTIALS; i++) {
      record.obtained("credential-" + i, "vault", "lease", CredentialLedger.NEVER);
    }

    assertThat(record.outstanding(now)).hasSize(CaseRecord.MAX_CREDENTIALS);
    assertThat(record.credentialsDropped()).isTrue();
  }
}
