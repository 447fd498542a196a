package dev.custody.core.credentials;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.CredentialHolders;
import dev.custody.bootstrap.CredentialLedger;
import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.cases.CaseExposures;
import dev.custody.core.cases.CaseIds;
import dev.custody.core.cases.CaseRecords;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records credentials as instrumentations see them obtained and revoked: the facts on the span of
 * the fetch, the values handed to the scrubber and linked to the credential (so later calls that
 * send them can be traced back), and the credential added to the case that obtained it (so the case
 * knows when its authority ends). A credential obtained by a teardown outside any case (the new
 * lease of a rotation) is obtained for the cases of the one it replaces.
 */
public final class Credentials {

  private Credentials() {}

  /**
   * @param span the span of the fetch, stock (an AWS SDK call) or Custody's own
   * @param context the context of the fetch, whose case obtained the credential
   * @param secretValues what the fetch returned that must never be exported (secret strings,
   *     passwords, tokens)
   * @param identifiers what identifies the credential when a call presents it but is no secret (an
   *     access key id)
   */
  public static void obtained(
      Span span,
      Context context,
      CredentialFacts facts,
      Collection<String> secretValues,
      Collection<String> identifiers) {
    span.setAllAttributes(CredentialAttributes.of(facts));
    remember(span, context, facts, secretValues, identifiers);
  }

  /**
   * As {@link #obtained}, for a span whose attributes are set elsewhere: Custody's own credential
   * spans, or events on the span of a fetch that returned several credentials.
   */
  public static void remember(
      Span span,
      Context context,
      CredentialFacts facts,
      Collection<String> secretValues,
      Collection<String> identifiers) {
    List<String> values = new ArrayList<>(secretValues);
    values.addAll(identifiers);
    long expiry = expiry(facts);
    for (String secret : secretValues) {
      KnownSecrets.remember(secret, expiry, facts.id());
    }
    CaseExposures.checkFetched(span, context, secretValues);
    CaseRecord record = CaseRecords.of(context);
    if (record != null) {
      record.obtained(facts.id(), facts.provider(), facts.kind(), expiry);
    }
    String traceId = span.getSpanContext().getTraceId();
    String spanId = span.getSpanContext().getSpanId();
    String caseId = CaseIds.fromContext(context);
    CredentialLedger.obtained(
        facts.id(), new CredentialLedger.Issuance(caseId, traceId, spanId), values);
    if (caseId == null) {
      for (String replacing : TeardownCases.of(context)) {
        CredentialLedger.obtained(
            facts.id(), new CredentialLedger.Issuance(replacing, traceId, spanId), List.of());
      }
    }
  }

  /**
   * Records that {@code credentialId}'s authority ended early (revoked, lease ended): no case
   * counts it any more.
   */
  public static void revoked(String credentialId) {
    CredentialHolders.revoked(credentialId);
    KnownSecrets.revoked(credentialId);
  }

  /**
   * Records that {@code credentialId} was given up to run out (no longer renewed, replaced): no
   * case counts it any more, and the cases that held it say their authority expired.
   */
  public static void givenUp(String credentialId) {
    CredentialHolders.givenUp(credentialId);
    KnownSecrets.revoked(credentialId);
  }

  /**
   * Records that every credential whose id starts with {@code prefix} was revoked (a lease prefix).
   */
  public static void revokedUnder(String prefix) {
    CredentialHolders.revokedUnder(prefix);
    KnownSecrets.revokedUnder(prefix);
  }

  /**
   * The id of the credential whose value (or identifier) a call presents, or null when none is
   * known.
   */
  public static String idOf(String presented) {
    return CredentialLedger.credentialOf(presented);
  }

  /**
   * True once any credential was obtained: until then a call presents none that is known, with no
   * need to look.
   */
  public static boolean anyObtained() {
    return CredentialLedger.hasValues();
  }

  private static long expiry(CredentialFacts facts) {
    if (facts.neverExpires()) {
      return CredentialLedger.NEVER;
    }
    return facts.expiresAt() == null ? CredentialLedger.UNKNOWN : facts.expiresAt().toEpochMilli();
  }
}
