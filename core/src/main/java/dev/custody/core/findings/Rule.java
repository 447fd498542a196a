package dev.custody.core.findings;

import java.util.List;

/**
 * The finding rules, each with its severity and the framework ids it reports against: the table of
 * docs/findings.md. OWASP Agentic Top 10 (2026) {@code ASI..}, OWASP LLM Top 10 (2025) {@code
 * LLM..}, MITRE ATLAS {@code AML.T..} and NIST AI RMF functions.
 */
public enum Rule {
  CREDENTIAL_USED_AFTER_EXPIRY(
      "credential-used-after-expiry", Severity.HIGH, "ASI03", "LLM06", "MANAGE"),
  CREDENTIAL_USED_AFTER_REVOCATION(
      "credential-used-after-revocation", Severity.HIGH, "ASI03", "LLM06", "MANAGE"),
  CREDENTIAL_SHARED_ACROSS_CASES(
      "credential-shared-across-cases", Severity.MEDIUM, "ASI03", "GOVERN"),
  STATIC_SECRET("static-secret", Severity.MEDIUM, "ASI03", "LLM06", "GOVERN"),
  AUTHORITY_OUTLIVED_CASE("authority-outlived-case", Severity.MEDIUM, "ASI03", "LLM06", "MANAGE"),
  TOOL_DESPITE_DENY("tool-despite-deny", Severity.HIGH, "ASI02", "LLM06", "AML.T0053", "MANAGE"),
  UNAUTHORISED_ACTION(
      "unauthorised-action", Severity.HIGH, "ASI02", "LLM06", "AML.T0053", "GOVERN"),
  UNKNOWN_WORKLOAD_IDENTITY("unknown-workload-identity", Severity.MEDIUM, "ASI03", "GOVERN"),
  NO_END_USER("no-end-user", Severity.MEDIUM, "ASI03", "GOVERN"),
  SECRET_EXPOSED_TO_MODEL(
      "secret-exposed-to-model", Severity.HIGH, "ASI03", "LLM02", "AML.T0057", "MANAGE"),
  RECORD_INCOMPLETE("record-incomplete", Severity.LOW, "MEASURE"),
  EVIDENCE_TAMPERED("evidence-tampered", Severity.HIGH, "MEASURE", "MANAGE");

  private final String id;
  private final Severity severity;
  private final List<String> mapsTo;

  Rule(String id, Severity severity, String... mapsTo) {
    this.id = id;
    this.severity = severity;
    this.mapsTo = List.of(mapsTo);
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public List<String> mapsTo() {
    return mapsTo;
  }

  public CaseFinding finding(String spanId, String summary) {
    return new CaseFinding(id, severity.label(), spanId, summary, mapsTo);
  }
}
