package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A secret was in what the case sent to a model: a fetch found its value had already gone to a
 * model or tool ({@code custody.secret.exposed=true}, where {@code custody.secret.exposed_in}), or
 * the scrubber replaced a secret in a model call's captured input ({@code [REDACTED:...]} in {@code
 * gen_ai.input.messages}; seen only when model content is captured). The root's own flag only
 * repeats its fetches', so it counts when no fetch says so.
 */
final class SecretExposedToModel implements CaseRule {

  private static final String REDACTED = "[REDACTED:";

  @Override
  public List<CaseFinding> findIn(SpansOfCase caseSpans) {
    List<CaseFinding> findings = new ArrayList<>();
    CaseSpan root = caseSpans.root().orElse(null);
    for (CaseSpan span : caseSpans.spans()) {
      if (span != root && exposed(span)) {
        findings.add(
            Rule.SECRET_EXPOSED_TO_MODEL.finding(
                span.spanId(),
                "'%s' fetched a value%s the case had already sent to a model or tool%s"
                    .formatted(span.name(), credential(span), where(span))));
      }
      String marker =
          firstMarker(CaseSpan.text(span, CustodyAttributes.GEN_AI_INPUT_MESSAGES.getKey()));
      if (marker != null) {
        findings.add(
            Rule.SECRET_EXPOSED_TO_MODEL.finding(
                span.spanId(),
                "'%s' sent the model a secret (%s in its input)".formatted(span.name(), marker)));
      }
    }
    if (findings.isEmpty() && root != null && exposed(root)) {
      findings.add(
          Rule.SECRET_EXPOSED_TO_MODEL.finding(
              root.spanId(),
              "the case sent a model or tool a secret before fetching it (custody.secret.exposed)"));
    }
    return findings;
  }

  private static boolean exposed(CaseSpan span) {
    return "true".equals(CaseSpan.text(span, CustodyAttributes.SECRET_EXPOSED.getKey()));
  }

  private static String credential(CaseSpan span) {
    String id = CaseSpan.text(span, CustodyAttributes.CREDENTIAL_ID.getKey());
    return id == null ? "" : " (" + id + ")";
  }

  private static String where(CaseSpan span) {
    String in = CaseSpan.text(span, CustodyAttributes.SECRET_EXPOSED_IN.getKey());
    return in == null ? "" : " (in " + in + ")";
  }

  /** The first scrubber marker in the text ({@code [REDACTED:credential]}), or null. */
  static String firstMarker(String text) {
    int start = text == null ? -1 : text.indexOf(REDACTED);
    if (start < 0) {
      return null;
    }
    int end = text.indexOf(']', start);
    return end < 0 || end - start > 64 ? REDACTED + "...]" : text.substring(start, end + 1);
  }
}
