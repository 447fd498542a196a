package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A call presented a credential after a {@code revoke {provider}} span of the case revoked it. A
 * revocation names the credential, or a prefix that ends every lease whose id starts with it
 * (Vault's {@code revokePrefix}); one that failed ends nothing. Rotations and expiries ({@code
 * lease_end}, {@code expiry}) leave the credential valid until it runs out, so they are not
 * revocations.
 */
final class CredentialUsedAfterRevocation implements CaseRule {

  private static final String REVOKE = "revoke";

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    List<CaseSpan> revocations =
        caseSpans.spans().stream()
            .filter(s -> REVOKE.equals(CaseSpan.text(s, CustodyAttributes.TEARDOWN_KIND.getKey())))
            .filter(s -> !revoked(s).isBlank())
            .filter(s -> !CaseTree.failed(s))
            .toList();
    List<CaseFinding> findings = new ArrayList<>();
    for (CaseSpan call : caseSpans.spans()) {
      for (String used : ObtainedCredential.usedBy(call)) {
        revokedBefore(revocations, used, call.startMicros())
            .ifPresent(
                revoke ->
                    findings.add(
                        Rule.CREDENTIAL_USED_AFTER_REVOCATION.finding(
                            call.spanId(),
                            "'%s' presented %s %s after '%s' revoked it"
                                .formatted(
                                    call.name(),
                                    used,
                                    Timestamps.duration(call.startMicros() - CaseTree.end(revoke)),
                                    revoke.name()))));
      }
    }
    return findings;
  }

  private static Optional<CaseSpan> revokedBefore(
      List<CaseSpan> revocations, String credential, long micros) {
    return revocations.stream()
        .filter(r -> CaseTree.end(r) <= micros)
        .filter(r -> credential.startsWith(revoked(r)))
        .findFirst();
  }

  private static String revoked(CaseSpan revocation) {
    String id = CaseSpan.text(revocation, CustodyAttributes.CREDENTIAL_ID.getKey());
    return id == null ? "" : id;
  }
}
