package dev.custody.core.findings;

import java.util.List;

/**
 * One thing in a case that should worry an investigator (docs/findings.md).
 *
 * @param rule the rule id, e.g. {@code credential-used-after-expiry}
 * @param severity {@code high}, {@code medium} or {@code low}
 * @param spanId the span that shows it
 * @param summary one sentence naming what, when and which credential, tool or policy
 * @param mapsTo the framework ids it reports against (OWASP Agentic ASI.., OWASP LLM.., MITRE
 *     ATLAS, NIST AI RMF functions)
 */
public record CaseFinding(
    String rule, String severity, String spanId, String summary, List<String> mapsTo) {}
