package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.AUTHORITY_ENDED_BY;
import static dev.custody.core.CustodyAttributes.AUTHORITY_ENDS_AT;
import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED;
import static dev.custody.core.CustodyAttributes.AUTHORITY_UNBOUNDED_BY;
import static dev.custody.core.CustodyAttributes.CREDENTIALS_OUTSTANDING;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_KIND;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.CredentialLedger;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a case ends: how its authority ended, which of its credentials still grant it, and until
 * when. On the case root: {@code custody.authority.ended_by}, {@code
 * custody.credentials.outstanding}, {@code custody.authority.ends_at} (the latest expiry of those
 * that expire; {@code unknown} when one's expiry is not known), {@code
 * custody.authority.unbounded=true} and {@code custody.authority.unbounded_by} when some never
 * expire, and one event per outstanding credential.
 */
public final class CaseAuthority {

  /** No outstanding credential that expires was seen yet. */
  private static final long NO_EXPIRY = Long.MIN_VALUE;

  private CaseAuthority() {}

  public static void recordOn(Span caseRoot, CaseRecord record) {
    long now = System.currentTimeMillis();
    String endedBy = record.authorityEndedBy(now);
    if (endedBy != null) {
      caseRoot.setAttribute(AUTHORITY_ENDED_BY, endedBy);
    }
    List<CaseRecord.Obtained> outstanding = record.outstanding(now);
    caseRoot.setAttribute(CREDENTIALS_OUTSTANDING, (long) outstanding.size());
    long latest = NO_EXPIRY;
    List<String> unboundedBy = new ArrayList<>();
    for (CaseRecord.Obtained credential : outstanding) {
      if (credential.expiresAtMillis() == CredentialLedger.NEVER) {
        unboundedBy.add(credential.credentialId());
      } else {
        latest = latest(latest, credential.expiresAtMillis());
      }
      caseRoot.addEvent(CREDENTIAL_OUTSTANDING_EVENT, eventAttributes(credential));
    }
    if (latest != NO_EXPIRY) {
      caseRoot.setAttribute(AUTHORITY_ENDS_AT, describe(latest));
    }
    if (!unboundedBy.isEmpty()) {
      caseRoot.setAttribute(AUTHORITY_UNBOUNDED, true);
      caseRoot.setAttribute(AUTHORITY_UNBOUNDED_BY, unboundedBy);
    }
  }

  /** The later of two expiries, where an unknown expiry beats any known one. */
  private static long latest(long a, long b) {
    if (a == CredentialLedger.UNKNOWN || b == CredentialLedger.UNKNOWN) {
      return CredentialLedger.UNKNOWN;
    }
    return Math.max(a, b);
  }

  private static Attributes eventAttributes(CaseRecord.Obtained credential) {
    AttributesBuilder event =
        Attributes.builder()
            .put(CREDENTIAL_ID, credential.credentialId())
            .put(CREDENTIAL_PROVIDER, credential.provider())
            .put(CREDENTIAL_KIND, credential.kind());
    long expiry = credential.expiresAtMillis();
    return (expiry == CredentialLedger.NEVER
            ? event.put(CREDENTIAL_EXPIRY, "none")
            : event.put(CREDENTIAL_EXPIRES_AT, describe(expiry)))
        .build();
  }

  private static String describe(long expiry) {
    return expiry == CredentialLedger.UNKNOWN
        ? "unknown"
        : CredentialAttributes.rfc3339(Instant.ofEpochMilli(expiry));
  }
}
