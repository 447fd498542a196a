package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The case obtained a secret that never expires ({@code custody.credential.expiry=none}) or that
 * was valid for more than 30 days when obtained: authority no task needs, standing after it.
 */
final class StaticSecret implements CaseRule {

  private static final long LONGEST_SECONDS = Duration.ofDays(30).toSeconds();

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    List<CaseFinding> findings = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (ObtainedCredential credential : ObtainedCredential.in(caseSpans)) {
      String lifetime = lifetime(credential);
      if (lifetime != null && found.add(credential.id())) {
        String provider =
            CaseSpan.text(credential.fetch(), CustodyAttributes.CREDENTIAL_PROVIDER.getKey());
        findings.add(
            Rule.STATIC_SECRET.finding(
                credential.fetch().spanId(),
                "%s (%s, fetched by '%s') %s"
                    .formatted(credential.id(), provider, credential.fetch().name(), lifetime)));
      }
    }
    return findings;
  }

  /** What makes the credential static, or null when it is not. */
  private static String lifetime(ObtainedCredential credential) {
    if (credential.neverExpires()) {
      return "never expires";
    }
    if (credential.validForSeconds().orElse(0) > LONGEST_SECONDS) {
      return "was valid for "
          + Timestamps.duration(
              Math.min(credential.validForSeconds().getAsLong(), Long.MAX_VALUE / 1_000_000)
                  * 1_000_000)
          + " when fetched";
    }
    return null;
  }
}
