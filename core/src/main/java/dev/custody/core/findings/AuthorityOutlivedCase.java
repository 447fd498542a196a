package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The case ended with credentials still valid ({@code custody.credentials.outstanding} on its
 * root), without end ({@code custody.authority.unbounded=true}; an older agent's {@code
 * custody.authority.ends_at=none}) or until {@code custody.authority.ends_at}: a time or {@code
 * unknown}.
 */
final class AuthorityOutlivedCase implements CaseRule {

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    Optional<CaseSpan> root = caseSpans.root();
    if (root.isEmpty()) {
      return List.of();
    }
    String outstanding =
        CaseSpan.text(root.get(), CustodyAttributes.CREDENTIALS_OUTSTANDING.getKey());
    if (outstanding == null || !outstanding.strip().matches("\\d{1,9}")) {
      return List.of();
    }
    int count = Integer.parseInt(outstanding.strip());
    if (count == 0) {
      return List.of();
    }
    return List.of(
        Rule.AUTHORITY_OUTLIVED_CASE.finding(
            root.get().spanId(),
            "the case ended at %s with %s still valid%s, %s"
                .formatted(
                    Timestamps.instant(CaseTree.end(root.get())),
                    count == 1 ? "1 credential" : count + " credentials",
                    named(root.get()),
                    howLong(root.get()))));
  }

  private static String howLong(CaseSpan root) {
    String endsAt = CaseSpan.text(root, CustodyAttributes.AUTHORITY_ENDS_AT.getKey());
    if ("true".equals(CaseSpan.text(root, CustodyAttributes.AUTHORITY_UNBOUNDED.getKey()))
        || ObtainedCredential.NONE.equals(endsAt)) {
      return "and one of them never expires";
    }
    OptionalLong micros = Timestamps.micros(endsAt);
    if (micros.isEmpty()) {
      return "until a time the record does not know";
    }
    return "for %s after it (until %s)"
        .formatted(
            Timestamps.duration(micros.getAsLong() - CaseTree.end(root)),
            Timestamps.instant(micros.getAsLong()));
  }

  /** The ids the root's {@code custody.credential.outstanding} events name. */
  private static String named(CaseSpan root) {
    List<String> ids =
        root.eventAttributes(CustodyAttributes.CREDENTIAL_OUTSTANDING_EVENT).stream()
            .map(values -> values.get(CustodyAttributes.CREDENTIAL_ID.getKey()))
            .filter(Objects::nonNull)
            .toList();
    return ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")";
  }
}
