package dev.custody.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy decisions of each open case, shared by every class loader (a decision is seen where the HTTP client or
 * policy library is loaded, the case ends where the agent framework is): how many, the last one, and whether any
 * denied. Bounded: the oldest cases are forgotten first.
 */
public final class PolicyLedger {

  /** What a case's decisions come to: their count, the last decision, and whether any was a deny. */
  public record CaseDecisions(long count, String last, boolean denied) {}

  static final int MAX_CASES = 1024;

  private static final Map<String, CaseDecisions> byCase =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CaseDecisions> eldest) {
          return size() > MAX_CASES;
        }
      };

  private PolicyLedger() {}

  /** Records that a decision of {@code caseId} came out as {@code decision}, which {@code denies} or not. */
  public static void decided(String caseId, String decision, boolean denies) {
    synchronized (byCase) {
      CaseDecisions before = byCase.get(caseId);
      long count = before == null ? 0 : before.count();
      boolean denied = before != null && before.denied();
      byCase.put(caseId, new CaseDecisions(count + 1, decision, denied || denies));
    }
  }

  /** The decisions of {@code caseId}, forgotten as they are handed over (the case has ended); null when none. */
  public static CaseDecisions take(String caseId) {
    synchronized (byCase) {
      return byCase.remove(caseId);
    }
  }
}
