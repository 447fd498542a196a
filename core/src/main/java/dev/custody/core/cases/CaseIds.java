package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The case id: 128 random bits as 32 lower-case hex digits, carried in W3C Baggage under {@code
 * custody.case.id} so that it follows the context across threads, HTTP hops and queues. An id that
 * arrives is kept, never replaced.
 */
public final class CaseIds {

  private CaseIds() {}

  /** The valid case id in the context's baggage, or null. */
  public static String fromContext(Context context) {
    String id = Baggage.fromContext(context).getEntryValue(CASE_ID_KEY);
    return isValid(id) ? id : null;
  }

  /**
   * The context itself when it already carries a valid case id; else the context with a newly
   * minted one.
   */
  public static Context withCaseId(Context context) {
    if (fromContext(context) != null) {
      return context;
    }
    Baggage baggage = Baggage.fromContext(context).toBuilder().put(CASE_ID_KEY, mint()).build();
    return context.with(baggage);
  }

  /**
   * The context counted for the case {@code caseId} (unchanged when null): what a span with no
   * parent, such as a background refresh, ends with so that what it obtained counts for the case it
   * serves.
   */
  public static Context inCase(Context context, String caseId) {
    return caseId == null
        ? context
        : context.with(Baggage.fromContext(context).toBuilder().put(CASE_ID_KEY, caseId).build());
  }

  static String mint() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high;
    long low;
    do {
      high = random.nextLong();
      low = random.nextLong();
    } while (high == 0 && low == 0);
    return hex16(high) + hex16(low);
  }

  static boolean isValid(String id) {
    if (id == null || id.length() != 32 || id.equals("00000000000000000000000000000000")) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  private static String hex16(long value) {
    String hex = Long.toHexString(value);
    return "0".repeat(16 - hex.length()) + hex;
  }
}
