package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A credential a case obtained, as its fetch recorded it: on the fetch span's attributes, or in one
 * {@code custody.credential.obtained} event of a fetch that returned several.
 *
 * @param id {@code custody.credential.id}
 * @param fetch the span of the fetch
 * @param expiresAtMicros {@code custody.credential.expires_at}, if it is a time
 * @param neverExpires {@code custody.credential.expiry=none}
 * @param validForSeconds how long it was valid when obtained: {@code ttl_s}, else {@code
 *     expires_at} less {@code issued_at} (or the fetch's start), if known
 */
record ObtainedCredential(
    String id,
    CaseSpan fetch,
    OptionalLong expiresAtMicros,
    boolean neverExpires,
    OptionalLong validForSeconds) {

  static final String NONE = "none";

  /** Every credential the case's fetches obtained, in the order of the fetches. */
  static List<ObtainedCredential> in(SpansOfCase caseSpans) {
    List<ObtainedCredential> credentials = new ArrayList<>();
    for (CaseSpan span : caseSpans.spans()) {
      if (!isFetch(span)) {
        continue;
      }
      if (span.attributes().containsKey(CustodyAttributes.CREDENTIAL_ID.getKey())) {
        credentials.add(read(span, key -> CaseSpan.text(span, key)));
      }
      span.eventAttributes(CustodyAttributes.CREDENTIAL_OBTAINED_EVENT).stream()
          .filter(values -> values.containsKey(CustodyAttributes.CREDENTIAL_ID.getKey()))
          .forEach(values -> credentials.add(read(span, values::get)));
    }
    return credentials;
  }

  /** The credential ids a call presented ({@code custody.credential.used}), blanks left out. */
  static List<String> usedBy(CaseSpan call) {
    return CaseSpan.list(call, CustodyAttributes.CREDENTIAL_USED.getKey()).stream()
        .filter(id -> !id.isBlank())
        .toList();
  }

  /** Whether its expiry had passed at {@code micros}; never for one without a known expiry. */
  boolean expiredAt(long micros) {
    return !neverExpires && expiresAtMicros.isPresent() && micros > expiresAtMicros.getAsLong();
  }

  /** A fetch that succeeded: it names a provider, is no teardown, and did not fail. */
  private static boolean isFetch(CaseSpan span) {
    Map<String, Object> attributes = span.attributes();
    return attributes.containsKey(CustodyAttributes.CREDENTIAL_PROVIDER.getKey())
        && !attributes.containsKey(CustodyAttributes.TEARDOWN_KIND.getKey())
        && !CaseTree.failed(span);
  }

  private static ObtainedCredential read(CaseSpan fetch, Function<String, String> value) {
    OptionalLong expiresAt =
        Timestamps.micros(value.apply(CustodyAttributes.CREDENTIAL_EXPIRES_AT.getKey()));
    boolean neverExpires = NONE.equals(value.apply(CustodyAttributes.CREDENTIAL_EXPIRY.getKey()));
    return new ObtainedCredential(
        value.apply(CustodyAttributes.CREDENTIAL_ID.getKey()),
        fetch,
        expiresAt,
        neverExpires,
        validFor(fetch, value, expiresAt));
  }

  private static OptionalLong validFor(
      CaseSpan fetch, Function<String, String> value, OptionalLong expiresAt) {
    String ttl = value.apply(CustodyAttributes.CREDENTIAL_TTL_S.getKey());
    if (ttl != null && ttl.strip().matches("\\d{1,18}")) {
      return OptionalLong.of(Long.parseLong(ttl.strip()));
    }
    if (expiresAt.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong issuedAt =
        Timestamps.micros(value.apply(CustodyAttributes.CREDENTIAL_ISSUED_AT.getKey()));
    long from = issuedAt.orElse(fetch.startMicros());
    return OptionalLong.of((expiresAt.getAsLong() - from) / 1_000_000);
  }
}
