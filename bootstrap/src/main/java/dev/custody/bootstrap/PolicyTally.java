package dev.custody.bootstrap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the policy decisions asked inside a case, or inside one tool call, came to: how many, how
 * many allowed and denied, the last decision, and the policies that denied. A case keeps one in its
 * {@link CaseRecord}, a tool call one in its context, under a key every class loader shares (the
 * tool runs where the framework is loaded, the decision may be seen where the HTTP client is). JDK
 * types only.
 */
public final class PolicyTally {

  public static final String ALLOW = "allow";
  public static final String DENY = "deny";

  /** The denying policies kept beyond which a case is told by its counts alone. */
  static final int MAX_DENYING_POLICIES = 64;

  /**
   * @param decisions every decision, including those neither allow nor deny ({@code undefined}...)
   * @param last the last decision, or null when none
   * @param deniedBy the ids of the policies that denied, each once, in the order they first did
   */
  public record Summary(
      long decisions, long allowed, long denied, String last, List<String> deniedBy) {}

  // Guarded by this.
  private long decisions;
  private long allowed;
  private long denied;
  private String last;
  private final Set<String> deniedBy = new LinkedHashSet<>();

  /**
   * Records {@code decision}, taken by {@code policyIds} (what the engine names as having decided;
   * empty when it names none).
   */
  public synchronized void decided(String decision, Collection<String> policyIds) {
    decisions++;
    last = decision;
    if (ALLOW.equals(decision)) {
      allowed++;
    } else if (DENY.equals(decision)) {
      denied++;
      for (String policyId : policyIds) {
        if (deniedBy.size() < MAX_DENYING_POLICIES) {
          deniedBy.add(policyId);
        }
      }
    }
  }

  public synchronized Summary summary() {
    return new Summary(decisions, allowed, denied, last, new ArrayList<>(deniedBy));
  }
}
