package dev.custody.core.findings;

import dev.custody.core.CustodyAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a span wrote outside the process, in words: an HTTP request that changes something ({@code
 * POST}, {@code PUT}, {@code PATCH}, {@code DELETE}), a message sent (a PRODUCER span), or a
 * database write ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}). An AWS SDK call
 * is told by its operation, as its HTTP method says nothing (every JSON API call is a POST).
 * Credential fetches and teardowns are no writes: they obtain or end authority, not use it.
 */
final class OutboundWrite {

  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern DB_WRITE =
      Pattern.compile(
          "^\\s*(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern AWS_READ =
      Pattern.compile("^(Get|List|Describe|Head|Query|Scan|BatchGet|Select|Search|Lookup)");

  private OutboundWrite() {}

  static Optional<String> of(CaseSpan span) {
    if (span.attributes().containsKey(CustodyAttributes.CREDENTIAL_ID.getKey())
        || span.attributes().containsKey(CustodyAttributes.TEARDOWN_KIND.getKey())
        || CaseTree.isPolicyDecision(span)) {
      return Optional.empty();
    }
    if ("PRODUCER".equals(span.kind())) {
      return Optional.of("sent a message ('" + span.name() + "')");
    }
    if (!"CLIENT".equals(span.kind())) {
      return Optional.empty();
    }
    String database = text(span, "db.operation.name", "db.operation");
    String query = text(span, "db.query.text", "db.statement");
    if ((database != null && DB_WRITE.matcher(database).find())
        || (database == null && query != null && DB_WRITE.matcher(query).find())) {
      return Optional.of("wrote to a database ('" + span.name() + "')");
    }
    if ("aws-api".equals(CaseSpan.text(span, "rpc.system"))) {
      String operation = CaseSpan.text(span, "rpc.method");
      return operation == null || AWS_READ.matcher(operation).find()
          ? Optional.empty()
          : Optional.of("called AWS " + CaseSpan.text(span, "rpc.service") + "." + operation);
    }
    String method = text(span, "http.request.method", "http.method");
    if (method != null && WRITE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      String url = text(span, "url.full", "http.url");
      return Optional.of("sent " + method + " " + (url == null ? "('" + span.name() + "')" : url));
    }
    return Optional.empty();
  }

  /** The first of the keys (the current semantic convention, then the older) that is set. */
  private static String text(CaseSpan span, String key, String olderKey) {
    String value = CaseSpan.text(span, key);
    return value != null ? value : CaseSpan.text(span, olderKey);
  }
}
