package dev.custody.instrumentation.opa;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import dev.custody.core.policy.PolicyVerdict;
import dev.custody.instrumentation.opa.OpaRequest.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads a decision out of OPA's answer. OPA returns whatever the policy computes; the common shapes
 * are read as {@code allow} or {@code deny}: a boolean (inverted for a path named {@code deny} or
 * {@code violations}), a list of violations, an object with {@code allow}/{@code allowed}/{@code
 * authorized}/{@code permit} or {@code deny}/{@code denied}/{@code violations}, or the words
 * themselves. Anything else is its kind ({@code object}, {@code array}, {@code string}, {@code
 * number}, {@code null}; {@code undefined} when the document is not defined, {@code bindings} for a
 * query); {@code unparsed} when the answer could not be read (cut, malformed, or beyond the bounds
 * of {@link JsonReader}).
 */
final class OpaAnswers {

  /** A document whose name says it lists what is forbidden: true or non-empty means deny. */
  private static final Pattern DENY_PATH =
      Pattern.compile("(^|.*/)(deny|denies|violation|violations)$");

  private OpaAnswers() {}

  static PolicyVerdict verdict(OpaRequest request, int status, byte[] body, boolean complete) {
    Object answer;
    try {
      answer = complete ? JsonReader.read(new String(body, StandardCharsets.UTF_8)) : null;
    } catch (JsonParseException unreadable) {
      answer = null;
      complete = false;
    }
    if (status >= 400) {
      Map<?, ?> error = answer instanceof Map<?, ?> map ? map : Map.of();
      return PolicyVerdict.failed(
          error.get("code") instanceof String code ? code : String.valueOf(status),
          text(error.get("message")));
    }
    if (!complete) {
      return unread();
    }
    // if, not a switch: a switch on an enum compiles to a synthetic class on some javac versions
    // only, which the
    // helper list would have to name
    Kind kind = request.kind();
    if (kind == Kind.DOCUMENT) {
      return decide(answer, request.policyId(), null);
    }
    if (kind == Kind.QUERY) {
      return PolicyVerdict.decided(queryDecision(answer), null, null, null);
    }
    if (kind == Kind.BATCH) {
      return batch(answer, request.policyId());
    }
    Map<?, ?> envelope = answer instanceof Map<?, ?> map ? map : Map.of();
    String decisionId = text(envelope.get("decision_id"));
    PolicyVerdict verdict =
        envelope.containsKey("result")
            ? decide(envelope.get("result"), request.policyId(), decisionId)
            : PolicyVerdict.decided("undefined", decisionId, null, null);
    return verdict.withRevision(bundleRevisions(envelope.get("provenance")));
  }

  /** An answer that could not be read: cut, malformed, or left unread by the application. */
  static PolicyVerdict unread() {
    return PolicyVerdict.decided("unparsed", null, null, null);
  }

  private static PolicyVerdict decide(Object result, String path, String decisionId) {
    boolean denyPath = path != null && DENY_PATH.matcher(path).matches();
    if (result instanceof Boolean allowed) {
      return PolicyVerdict.decided(allowOrDeny(denyPath != allowed), decisionId, null, null);
    }
    if (result instanceof List<?> items && denyPath) {
      return PolicyVerdict.decided(allowOrDeny(items.isEmpty()), decisionId, null, joined(items));
    }
    if (result instanceof Map<?, ?> object) {
      return PolicyVerdict.decided(objectDecision(object), decisionId, null, reasonOf(object));
    }
    if (result instanceof String word) {
      String lower = word.toLowerCase(Locale.ROOT);
      boolean decisive = lower.equals(PolicyVerdict.ALLOW) || lower.equals(PolicyVerdict.DENY);
      return PolicyVerdict.decided(decisive ? lower : "string", decisionId, null, null);
    }
    return PolicyVerdict.decided(kindOf(result), decisionId, null, null);
  }

  private static String objectDecision(Map<?, ?> object) {
    Object allowed = first(object, "allow", "allowed", "authorized", "permit");
    Object denied = first(object, "deny", "denied", "violations");
    if (allowed instanceof Boolean allow) {
      return allowOrDeny(allow);
    }
    if (denied instanceof Boolean deny) {
      return allowOrDeny(!deny);
    }
    if (denied instanceof List<?> violations) {
      return allowOrDeny(violations.isEmpty());
    }
    return object.get("decision") instanceof String word ? word.toLowerCase(Locale.ROOT) : "object";
  }

  private static String reasonOf(Map<?, ?> object) {
    Object why = first(object, "reasons", "reason", "deny", "violations", "message", "msg");
    if (why instanceof List<?> items) {
      return joined(items);
    }
    return why == null || why instanceof Boolean ? null : String.valueOf(why);
  }

  /** A query's bindings: none means undefined; one boolean binding decides. */
  private static String queryDecision(Object answer) {
    Object result = answer instanceof Map<?, ?> map ? map.get("result") : null;
    if (!(result instanceof List<?> rows) || rows.isEmpty()) {
      return "undefined";
    }
    if (rows.size() == 1
        && rows.get(0) instanceof Map<?, ?> row
        && row.size() == 1
        && row.values().iterator().next() instanceof Boolean allowed) {
      return allowOrDeny(allowed);
    }
    return "bindings";
  }

  /**
   * A batch is one decision: {@code deny} when any of its answers denies, {@code allow} when all
   * allow, else {@code batch}; the reasons of all, the batch's decision id.
   */
  private static PolicyVerdict batch(Object answer, String path) {
    Map<?, ?> envelope = answer instanceof Map<?, ?> map ? map : Map.of();
    Map<?, ?> responses = envelope.get("responses") instanceof Map<?, ?> map ? map : Map.of();
    List<PolicyVerdict> verdicts = new ArrayList<>();
    StringJoiner reasons = new StringJoiner("; ");
    responses
        .values()
        .forEach(
            response -> {
              Map<?, ?> one = response instanceof Map<?, ?> map ? map : Map.of();
              PolicyVerdict verdict =
                  one.containsKey("result")
                      ? decide(one.get("result"), path, null)
                      : PolicyVerdict.decided(
                          "undefined",
                          null,
                          null,
                          text(one.get("message"))); // no such document, or failed
              verdicts.add(verdict);
              if (verdict.reason() != null) {
                reasons.add(verdict.reason());
              }
            });
    String decision = "batch";
    if (verdicts.stream().anyMatch(verdict -> PolicyVerdict.DENY.equals(verdict.decision()))) {
      decision = PolicyVerdict.DENY;
    } else if (!verdicts.isEmpty()
        && verdicts.stream().allMatch(verdict -> PolicyVerdict.ALLOW.equals(verdict.decision()))) {
      decision = PolicyVerdict.ALLOW;
    }
    return PolicyVerdict.decided(
        decision,
        text(envelope.get("batch_decision_id")),
        null,
        reasons.length() == 0 ? null : reasons.toString());
  }

  /**
   * The revisions of the bundles the policy came from, {@code name@revision}, when OPA was asked
   * for provenance.
   */
  private static String bundleRevisions(Object provenance) {
    if (!(provenance instanceof Map<?, ?> map)
        || !(map.get("bundles") instanceof Map<?, ?> bundles)) {
      return null;
    }
    StringJoiner revisions = new StringJoiner(",");
    bundles.forEach(
        (name, bundle) -> {
          if (bundle instanceof Map<?, ?> details && details.get("revision") != null) {
            revisions.add(name + "@" + details.get("revision"));
          }
        });
    return revisions.length() == 0 ? null : revisions.toString();
  }

  private static Object first(Map<?, ?> object, String... names) {
    for (String name : names) {
      if (object.containsKey(name)) {
        return object.get(name);
      }
    }
    return null;
  }

  private static String allowOrDeny(boolean allowed) {
    return allowed ? PolicyVerdict.ALLOW : PolicyVerdict.DENY;
  }

  private static String joined(List<?> items) {
    StringJoiner joined = new StringJoiner("; ");
    items.forEach(item -> joined.add(String.valueOf(item)));
    return joined.length() == 0 ? null : joined.toString();
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  private static String kindOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number) {
      return "number";
    }
    return value instanceof List ? "array" : "object";
  }
}
