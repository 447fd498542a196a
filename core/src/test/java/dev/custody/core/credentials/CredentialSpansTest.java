package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_JTI;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_LEASE_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_RENEWABLE;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_TTL_S;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.TEARDOWN_KIND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.CredentialLedger;
import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.TestSdk;
import dev.custody.core.cases.CaseRecords;
import dev.custody.core.scrub.SecretScrubber;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialSpansTest {

  private static final String LEASE = "database/creds/agent/3f2b9c1e";
  private static final String CASE_1 = "0af7651916cd43dd8448eb211c80319c";
  private static final String CASE_2 = "1bf7651916cd43dd8448eb211c80319d";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private CredentialSpans spans;

  private final Map<String, Context> cases = new HashMap<>();

  @BeforeEach
  void registerSdk() {
    sdk = TestSdk.registerGlobal(exporter);
    spans = new CredentialSpans("test");
  }

  @AfterEach
  void reset() {
    TestSdk.closeGlobal(sdk);
    CredentialLedger.clear();
    KnownSecrets.clear();
  }

  @Test
  void aFetchRecordsItsFactsAndHandsItsValuesToTheScrubberAndTheCase() {
    CredentialFacts facts =
        CredentialFacts.builder("vault", "lease", "vault:database/creds/agent")
            .leaseId(LEASE)
            .ttlSeconds(3600L)
            .expiresAt(Instant.parse("2099-01-01T10:00:00Z"))
            .renewable(true)
            .build();

    fetch(inCase(CASE_1), facts, "fake-db-password-1");

    SpanData fetch = exporter.getFinishedSpanItems().get(0);
    assertThat(fetch.getName()).isEqualTo("fetch vault");
    assertThat(fetch.getAttributes().get(CREDENTIAL_PROVIDER)).isEqualTo("vault");
    assertThat(fetch.getAttributes().get(CREDENTIAL_ID)).isEqualTo("vault:database/creds/agent");
    assertThat(fetch.getAttributes().get(CREDENTIAL_LEASE_ID)).isEqualTo(LEASE);
    assertThat(fetch.getAttributes().get(CREDENTIAL_TTL_S)).isEqualTo(3600L);
    assertThat(fetch.getAttributes().get(CREDENTIAL_RENEWABLE)).isTrue();
    assertThat(fetch.getAttributes().get(CREDENTIAL_EXPIRES_AT)).isEqualTo("2099-01-01T10:00:00Z");
    assertThat(SecretScrubber.scrub("got fake-db-password-1"))
        .isEqualTo("got [REDACTED:credential]");
    assertThat(CredentialLedger.credentialOf("fake-db-password-1"))
        .isEqualTo("vault:database/creds/agent");
    assertThat(outstanding(CASE_1))
        .extracting(CaseRecord.Obtained::credentialId)
        .containsExactly("vault:database/creds/agent");
    TestSdk.assertNothingDropped(List.of(fetch));
  }

  @Test
  void aFailedFetchIsAnErrorWithTheCredentialIdAndObtainsNothing() {
    CredentialOperation operation = CredentialOperation.fetch("vault", "vault:secret/data/app");
    Context context = spans.start(Context.root(), operation);
    spans.end(context, operation, null, new IllegalStateException("403 permission denied"));

    SpanData fetch = exporter.getFinishedSpanItems().get(0);
    assertThat(fetch.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(fetch.getAttributes().get(CREDENTIAL_ID)).isEqualTo("vault:secret/data/app");
    assertThat(fetch.getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
    assertThat(CredentialLedger.hasValues()).isFalse();
  }

  @Test
  void anOperationRecordedOnceItEndedKeepsItsTimesAndObtainsLikeAnyFetch() {
    Instant start = Instant.parse("2026-11-27T12:00:00.250Z");
    Instant end = start.plusMillis(40);
    CredentialFacts facts =
        CredentialFacts.builder("kubernetes", "token", "/var/run/secrets/tokens/agent")
            .jti("jti-42")
            .build();
    CredentialOperation operation = CredentialOperation.fetch("kubernetes", facts.id());

    spans.record(
        inCase(CASE_1),
        operation,
        CredentialSpans.Obtained.of(facts, List.of("sa-token-1")),
        null,
        start,
        end);

    SpanData fetch = exporter.getFinishedSpanItems().get(0);
    assertThat(fetch.getName()).isEqualTo("fetch kubernetes");
    assertThat(fetch.getStartEpochNanos()).isEqualTo(start.toEpochMilli() * 1_000_000);
    assertThat(fetch.getEndEpochNanos()).isEqualTo(end.toEpochMilli() * 1_000_000);
    assertThat(fetch.getAttributes().get(CREDENTIAL_JTI)).isEqualTo("jti-42");
    assertThat(CredentialLedger.credentialOf("sa-token-1"))
        .isEqualTo("/var/run/secrets/tokens/agent");
    assertThat(outstanding(CASE_1)).hasSize(1);
  }

  @Test
  void aRevocationEndsTheCredentialAndLinksToItsFetchFromAnotherCase() {
    CredentialFacts facts = CredentialFacts.builder("vault", "lease", LEASE).leaseId(LEASE).build();
    fetch(inCase(CASE_1), facts, "fake-db-password-2");
    SpanData fetch = exporter.getFinishedSpanItems().get(0);

    CredentialOperation revoke = CredentialOperation.revoke("vault", LEASE);
    Context context = spans.start(inCase(CASE_2), revoke);
    spans.end(context, revoke, null, null);

    SpanData revocation = exporter.getFinishedSpanItems().get(1);
    assertThat(revocation.getName()).isEqualTo("revoke vault");
    assertThat(revocation.getAttributes().get(TEARDOWN_KIND)).isEqualTo("revoke");
    assertThat(revocation.getLinks())
        .singleElement()
        .satisfies(
            link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(fetch.getSpanId()));
    assertThat(outstanding(CASE_1)).isEmpty();
  }

  @Test
  void anExpiryAndARotationAreTeardownsOfTheirKindThatEndTheCredential() {
    String rotated = LEASE + "-rotated";
    fetch(
        inCase(CASE_1),
        CredentialFacts.builder("vault", "lease", LEASE).leaseId(LEASE).build(),
        "fake-pass-3");
    fetch(
        inCase(CASE_1),
        CredentialFacts.builder("vault", "lease", rotated).leaseId(rotated).build(),
        "fake-pass-4");

    for (CredentialOperation teardown :
        List.of(
            CredentialOperation.expire("vault", LEASE),
            CredentialOperation.rotate("vault", rotated))) {
      spans.end(spans.start(Context.root(), teardown), teardown, null, null);
    }

    List<SpanData> finished = exporter.getFinishedSpanItems();
    assertThat(finished.get(2).getName()).isEqualTo("expire vault");
    assertThat(finished.get(2).getAttributes().get(TEARDOWN_KIND)).isEqualTo("expiry");
    assertThat(finished.get(3).getName()).isEqualTo("rotate vault");
    assertThat(finished.get(3).getAttributes().get(TEARDOWN_KIND)).isEqualTo("lease_end");
    assertThat(finished.get(3).getLinks())
        .singleElement()
        .satisfies(
            link ->
                assertThat(link.getSpanContext().getSpanId())
                    .isEqualTo(finished.get(1).getSpanId()));
    assertThat(outstanding(CASE_1)).isEmpty();
  }

  @Test
  void aFailureTheLibraryReturnedIsAnErrorOfItsStatus() {
    CredentialOperation operation = CredentialOperation.fetch("vault", "secret/payroll");
    Context context = spans.start(Context.root(), operation);
    spans.fail(context, operation, "403", "Vault answered 403");

    SpanData fetch = exporter.getFinishedSpanItems().get(0);
    assertThat(fetch.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(fetch.getStatus().getDescription()).isEqualTo("Vault answered 403");
    assertThat(fetch.getAttributes().get(ERROR_TYPE)).isEqualTo("403");
    assertThat(fetch.getAttributes().get(CREDENTIAL_ID)).isEqualTo("secret/payroll");
  }

  private void fetch(Context parent, CredentialFacts facts, String secret) {
    CredentialOperation operation = CredentialOperation.fetch(facts.provider(), facts.id());
    Context context = spans.start(parent, operation);
    spans.end(context, operation, CredentialSpans.Obtained.of(facts, List.of(secret)), null);
  }

  /** The context of the case {@code caseId}, with its record: the same each time for one case. */
  private Context inCase(String caseId) {
    return cases.computeIfAbsent(
        caseId,
        id ->
            CaseRecords.startCase(
                Context.root().with(Baggage.builder().put(CASE_ID_KEY, id).build())));
  }

  private List<CaseRecord.Obtained> outstanding(String caseId) {
    return CaseRecords.of(inCase(caseId)).outstanding(System.currentTimeMillis());
  }
}
