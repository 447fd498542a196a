package dev.custody.core.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * A call presented ({@code custody.credential.used}) a credential the case obtained after every
 * fetch of it had expired. A credential fetched elsewhere, or without an expiry, is no finding.
 */
final class CredentialUsedAfterExpiry implements CaseRule {

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    List<ObtainedCredential> obtained = ObtainedCredential.in(caseSpans);
    List<CaseFinding> findings = new ArrayList<>();
    for (CaseSpan call : caseSpans.spans()) {
      for (String used : ObtainedCredential.usedBy(call)) {
        List<ObtainedCredential> fetches =
            obtained.stream()
                .filter(c -> c.id().equals(used) && c.fetch().startMicros() <= call.startMicros())
                .toList();
        if (!fetches.isEmpty() && fetches.stream().allMatch(c -> c.expiredAt(call.startMicros()))) {
          long expiredAt =
              fetches.stream().mapToLong(c -> c.expiresAtMicros().getAsLong()).max().getAsLong();
          findings.add(
              Rule.CREDENTIAL_USED_AFTER_EXPIRY.finding(
                  call.spanId(),
                  "'%s' presented %s %s after it expired (%s)"
                      .formatted(
                          call.name(),
                          used,
                          Timestamps.duration(call.startMicros() - expiredAt),
                          Timestamps.instant(expiredAt))));
        }
      }
    }
    return findings;
  }
}
