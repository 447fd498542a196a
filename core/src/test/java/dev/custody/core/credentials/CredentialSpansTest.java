package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_IDS;
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
import dev.custody.core.cases.CaseIds;
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
  void aRevocationInAnotherCaseBelongsToBothCasesAndLinksToTheFetch() {
    CredentialFacts facts = CredentialFacts.builder("vault", "lease", LEASE).leaseId(LEASE).build();
    fetch(inCase(CASE_1), facts, "fake-db-password-2");
    SpanData fetch = exporter.getFinishedSpanItems().get(0);

    CredentialOperation revoke = CredentialOperation.revoke("vault", LEASE);
    Context context = spans.start(inCase(CASE_2), revoke);
    spans.end(context, revoke, null, null);

    SpanData revocation = exporter.getFinishedSpanItems().get(1);
    assertThat(revocation.getName()).isEqualTo("revoke vault");
    assertThat(revocation.getAttributes().get(TEARDOWN_KIND)).isEqualTo("revoke");
    assertThat(revocation.getAttributes().get(CASE_IDS)).containsExactly(CASE_1, CASE_2);
    assertThat(linkedSpanIds(revocation)).containsExactly(fetch.getSpanId());
    assertThat(CaseIds.fromContext(context))
        .as("what the revocation calls stays in its case")
        .isEqualTo(CASE_2);
    assertThat(outstanding(CASE_1)).isEmpty();
    assertThat(CaseRecords.of(inCase(CASE_1)).authorityEndedBy(System.currentTimeMillis()))
        .isEqualTo("revoked");
  }

  @Test
  void aRevocationInItsOwnCaseLeavesTheCaseIdToBaggageAndLinksToTheFetch() {
    CredentialFacts facts = CredentialFacts.builder("vault", "lease", LEASE).leaseId(LEASE).build();
    fetch(inCase(CASE_1), facts, "fake-db-password-5");

    CredentialOperation revoke = CredentialOperation.revoke("vault", LEASE);
    spans.end(spans.start(inCase(CASE_1), revoke), revoke, null, null);

    SpanData revocation = exporter.getFinishedSpanItems().get(1);
    assertThat(revocation.getAttributes().get(CASE_ID)).as("stamped by the agent").isNull();
    assertThat(linkedSpanIds(revocation))
        .containsExactly(exporter.getFinishedSpanItems().get(0).getSpanId());
  }

  @Test
  void aTeardownAfterTheCaseCarriesItsIdAndSoDoesTheRotatedLease() {
    String rotated = LEASE + "-rotated";
    fetch(
        inCase(CASE_1),
        CredentialFacts.builder("vault", "lease", LEASE).leaseId(LEASE).build(),
        "fake-pass-3");

    CredentialOperation rotate = CredentialOperation.rotate("vault", LEASE);
    Context rotation = spans.start(Context.root(), rotate);
    fetch(
        rotation,
        CredentialFacts.builder("vault", "lease", rotated).leaseId(rotated).build(),
        "fake-pass-4");
    spans.end(rotation, rotate, null, null);
    CredentialOperation expire = CredentialOperation.expire("vault", rotated);
    spans.end(spans.start(Context.root(), expire), expire, null, null);

    List<SpanData> finished = exporter.getFinishedSpanItems();
    SpanData rotatedFetch = finished.get(1);
    assertThat(finished.get(2).getName()).isEqualTo("rotate vault");
    assertThat(finished.get(2).getAttributes().get(TEARDOWN_KIND)).isEqualTo("lease_end");
    assertThat(finished.get(2).getAttributes().get(CASE_ID)).isEqualTo(CASE_1);
    assertThat(linkedSpanIds(finished.get(2))).containsExactly(finished.get(0).getSpanId());
    assertThat(rotatedFetch.getAttributes().get(CASE_ID)).as("not in the case itself").isNull();
    assertThat(finished.get(3).getName()).isEqualTo("expire vault");
    assertThat(finished.get(3).getAttributes().get(TEARDOWN_KIND)).isEqualTo("expiry");
    assertThat(finished.get(3).getAttributes().get(CASE_ID))
        .as("the lease that replaced the case's")
        .isEqualTo(CASE_1);
    assertThat(linkedSpanIds(finished.get(3))).containsExactly(rotatedFetch.getSpanId());
    assertThat(outstanding(CASE_1)).isEmpty();
    assertThat(CaseRecords.of(inCase(CASE_1)).authorityEndedBy(System.currentTimeMillis()))
        .isEqualTo("expired");
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

  private static List<String> linkedSpanIds(SpanData span) {
    return span.getLinks().stream().map(link -> link.getSpanContext().getSpanId()).toList();
  }

  private List<CaseRecord.Obtained> outstanding(String caseId) {
    return CaseRecords.of(inCase(caseId)).outstanding(System.currentTimeMillis());
  }
}
