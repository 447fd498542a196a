package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.AUTHORITY_ENDED_BY;
import static dev.custody.core.CustodyAttributes.AUTHORITY_ENDS_AT;
import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED;
import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED_BY;
import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.CredentialHolders;
import dev.custody.bootstrap.CredentialLedger;
import dev.custody.core.TestSdk;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseAuthorityTest {

  private final CaseRecord record = new CaseRecord(null);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void forget() {
    tracerProvider.close();
  }

  @Test
  void authorityEndsWithTheLatestOutstandingExpiry() {
    Instant soon = Instant.parse("2099-01-01T10:00:00Z");
    Instant later = Instant.parse("2099-01-01T11:00:00Z");
    record.obtained("lease-a", "vault", "lease", soon.toEpochMilli());
    record.obtained("lease-b", "vault", "lease", later.toEpochMilli());

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isEqualTo("2099-01-01T11:00:00Z");
    assertThat(root.getAttributes().get(AUTHORITY_ENDED_BY)).isEqualTo("outstanding");
    assertThat(root.getAttributes().get(CREDENTIALS_OUTSTANDING)).isEqualTo(2L);
    assertThat(root.getEvents())
        .extracting(EventData::getName)
        .containsExactly("custody.credential.outstanding", "custody.credential.outstanding");
    assertThat(root.getEvents().get(0).getAttributes().get(CREDENTIAL_ID)).isEqualTo("lease-a");
    assertThat(root.getEvents().get(0).getAttributes().get(CREDENTIAL_EXPIRES_AT))
        .isEqualTo("2099-01-01T10:00:00Z");
  }

  @Test
  void aCredentialThatNeverExpiresMakesAuthorityUnboundedAndTheOthersStillEnd() {
    record.obtained(
        "lease", "vault", "lease", Instant.parse("2099-01-01T10:00:00Z").toEpochMilli());
    record.obtained("static-api-key", "vault", "lease", CredentialLedger.NEVER);
    record.obtained(
        "lease-2", "vault", "lease", Instant.parse("2099-01-01T09:00:00Z").toEpochMilli());

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT))
        .as("the latest of those that expire")
        .isEqualTo("2099-01-01T10:00:00Z");
    assertThat(root.getAttributes().get(AUTHORITY_UNBOUNDED)).isTrue();
    assertThat(root.getAttributes().get(AUTHORITY_UNBOUNDED_BY)).containsExactly("static-api-key");
    assertThat(root.getEvents().get(1).getAttributes().get(CREDENTIAL_EXPIRY)).isEqualTo("none");
    TestSdk.assertNothingDropped(List.of(root));
  }

  @Test
  void onlyCredentialsThatNeverExpireLeaveNoEnd() {
    record.obtained("static-api-key", "vault", "lease", CredentialLedger.NEVER);
    record.obtained("static-db-password", "vault", "lease", CredentialLedger.NEVER);

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isNull();
    assertThat(root.getAttributes().get(AUTHORITY_UNBOUNDED_BY))
        .containsExactly("static-api-key", "static-db-password");
  }

  @Test
  void anUnknownExpiryMakesTheEndUnknown() {
    record.obtained(
        "lease", "vault", "lease", Instant.parse("2099-01-01T10:00:00Z").toEpochMilli());
    record.obtained("opaque-token", "vault", "lease", CredentialLedger.UNKNOWN);

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isEqualTo("unknown");
    assertThat(root.getAttributes().get(AUTHORITY_UNBOUNDED)).isNull();
  }

  @Test
  void revokedAndExpiredCredentialsAreNotOutstanding() {
    record.obtained("revoked", "vault", "lease", CredentialLedger.NEVER);
    record.obtained("expired", "vault", "lease", 1L);
    CredentialHolders.revoked("revoked");

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(CREDENTIALS_OUTSTANDING)).isZero();
    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isNull();
    assertThat(root.getAttributes().get(AUTHORITY_UNBOUNDED)).isNull();
    assertThat(root.getAttributes().get(AUTHORITY_ENDED_BY)).isEqualTo("expired");
    assertThat(root.getEvents()).isEmpty();
  }

  @Test
  void aCaseWhoseEveryCredentialWasRevokedSaysSo() {
    record.obtained("lease", "vault", "lease", CredentialLedger.NEVER);
    CredentialHolders.revoked("lease");

    assertThat(caseRootEnded().getAttributes().get(AUTHORITY_ENDED_BY)).isEqualTo("revoked");
  }

  @Test
  void aCaseWithoutCredentialsHadNoAuthorityToEnd() {
    assertThat(caseRootEnded().getAttributes().get(AUTHORITY_ENDED_BY)).isNull();
  }

  private SpanData caseRootEnded() {
    Span root = tracerProvider.get("test").spanBuilder("invoke_agent").startSpan();
    CaseAuthority.recordOn(root, record);
    root.end();
    return exporter.getFinishedSpanItems().get(0);
  }
}
