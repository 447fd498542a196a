package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.List;

/**
 * A case started by an inbound request names no end user ({@code enduser.id}, {@code user.id}). The
 * case id is minted at the case root, so the request's SERVER span carries none and is not among
 * the case's spans: a root whose parent is outside the case was started by what that parent
 * received (a request, a message). A root with no parent started on its own (a job, a command line)
 * and has no caller to name.
 */
final class NoEndUser implements CaseRule {

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    return caseSpans.root().stream()
        .filter(root -> root.parentSpanId() != null)
        .filter(root -> named(root, CustodyAttributes.ENDUSER_ID.getKey()) == null)
        .filter(root -> named(root, CustodyAttributes.USER_ID.getKey()) == null)
        .map(
            root ->
                Rule.NO_END_USER.finding(
                    root.spanId(),
                    "'%s' was started by a request whose caller was not identified%s"
                        .formatted(root.name(), source(root))))
        .toList();
  }

  private static String named(CaseSpan root, String key) {
    String value = CaseSpan.text(root, key);
    return value == null || value.isBlank() ? null : value;
  }

  /** What was found instead, such as a token that is no readable JWT. */
  private static String source(CaseSpan root) {
    String source = CaseSpan.text(root, CustodyAttributes.ENDUSER_SOURCE.getKey());
    return source == null ? "" : " (custody.enduser.source=" + source + ")";
  }
}
