package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.AUTHORITY_ENDS_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CredentialLedger;
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

  private static final CredentialLedger.Issuance IN_CASE = new CredentialLedger.Issuance("case-1", "t", "s");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void forget() {
    tracerProvider.close();
    CredentialLedger.clear();
  }

  @Test
  void authorityEndsWithTheLatestOutstandingExpiry() {
    Instant soon = Instant.parse("2099-01-01T10:00:00Z");
    Instant later = Instant.parse("2099-01-01T11:00:00Z");
    CredentialLedger.obtained("lease-a", IN_CASE, soon.toEpochMilli(), List.of());
    CredentialLedger.obtained("lease-b", IN_CASE, later.toEpochMilli(), List.of());

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isEqualTo("2099-01-01T11:00:00Z");
    assertThat(root.getAttributes().get(CREDENTIALS_OUTSTANDING)).isEqualTo(2L);
    assertThat(root.getEvents())
        .extracting(EventData::getName)
        .containsExactly("custody.credential.outstanding", "custody.credential.outstanding");
    assertThat(root.getEvents().get(0).getAttributes().get(CREDENTIAL_ID)).isEqualTo("lease-a");
    assertThat(root.getEvents().get(0).getAttributes().get(CREDENTIAL_EXPIRES_AT)).isEqualTo("2099-01-01T10:00:00Z");
  }

  @Test
  void aCredentialThatNeverExpiresMeansAuthorityNeverEnds() {
    CredentialLedger.obtained("lease", IN_CASE, Instant.parse("2099-01-01T10:00:00Z").toEpochMilli(), List.of());
    CredentialLedger.obtained("static-api-key", IN_CASE, CredentialLedger.NEVER, List.of());

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isEqualTo("none");
    assertThat(root.getEvents().get(1).getAttributes().get(CREDENTIAL_EXPIRY)).isEqualTo("none");
  }

  @Test
  void revokedAndExpiredCredentialsAreNotOutstanding() {
    CredentialLedger.obtained("revoked", IN_CASE, CredentialLedger.NEVER, List.of());
    CredentialLedger.obtained("expired", IN_CASE, 1L, List.of());
    CredentialLedger.revoked("revoked");

    SpanData root = caseRootEnded();

    assertThat(root.getAttributes().get(CREDENTIALS_OUTSTANDING)).isZero();
    assertThat(root.getAttributes().get(AUTHORITY_ENDS_AT)).isNull();
    assertThat(root.getEvents()).isEmpty();
  }

  private SpanData caseRootEnded() {
    Span root = tracerProvider.get("test").spanBuilder("invoke_agent").startSpan();
    CaseAuthority.recordOn(root, "case-1");
    root.end();
    return exporter.getFinishedSpanItems().get(0);
  }
}
