package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_EXPIRY;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_ISSUED_AT;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_JTI;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_KIND;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_LEASE_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PRINCIPAL;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_RENEWABLE;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_TTL_S;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_VERSION;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code custody.credential.*} attributes of obtained credential facts. */
public final class CredentialAttributes {

  private CredentialAttributes() {}

  public static Attributes of(CredentialFacts facts) {
    AttributesBuilder attributes = Attributes.builder();
    put(attributes, CREDENTIAL_PROVIDER, facts.provider());
    put(attributes, CREDENTIAL_KIND, facts.kind());
    put(attributes, CREDENTIAL_ID, facts.id());
    put(attributes, CREDENTIAL_VERSION, facts.version());
    put(attributes, CREDENTIAL_PRINCIPAL, facts.principal());
    put(attributes, CREDENTIAL_ISSUED_AT, rfc3339(facts.issuedAt()));
    put(attributes, CREDENTIAL_EXPIRES_AT, rfc3339(facts.expiresAt()));
    put(attributes, CREDENTIAL_TTL_S, facts.ttlSeconds());
    put(attributes, CREDENTIAL_RENEWABLE, facts.renewable());
    put(attributes, CREDENTIAL_LEASE_ID, facts.leaseId());
    put(attributes, CREDENTIAL_JTI, facts.jti());
    if (facts.neverExpires()) {
      attributes.put(CREDENTIAL_EXPIRY, "none");
    }
    return attributes.build();
  }

  /** An instant as an RFC 3339 UTC string to the second, as every Custody time is written. */
  public static String rfc3339(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static <T> void put(AttributesBuilder attributes, AttributeKey<T> key, T value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }
}
