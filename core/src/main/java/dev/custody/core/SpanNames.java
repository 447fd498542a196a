package dev.custody.core;

/**
 * Span names that say what an operation did, {@code {operation} {system} {target}}: {@code fetch
 * vault database/creds/readonly}, {@code policy_decision opa httpapi/authz/allow}. The target is
 * low in cardinality (a path, a policy, a secret's name; never a lease id, a token or a value) and
 * cut to {@link #MAX_TARGET} characters, so the name groups alike operations in a trace list.
 */
public final class SpanNames {

  static final int MAX_TARGET = 64;

  private SpanNames() {}

  /** {@code operation system}, then {@code target} when there is one. */
  public static String of(String operation, String system, String target) {
    String name = operation + " " + system;
    if (target == null || target.isEmpty()) {
      return name;
    }
    return name
        + " "
        + (target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET - 1) + "…");
  }
}
