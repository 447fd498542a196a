package dev.custody.bootstrap;

import java.util.concurrent.TimeUnit;

/**
 * How often a kind of warning may be logged, for the whole JVM: helpers are copied into every class
 * loader that uses them, so a limit kept by the helper itself would be one per copy. A few reports
 * a minute go out as they come; the rest are counted, and the count is handed to the next report
 * let through, or to whoever asks at shutdown.
 */
public final class RateLimitedReports {

  /** The reports let through in each minute. */
  static final int PER_MINUTE = 10;

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static long windowStartNanos = System.nanoTime() - MINUTE_NANOS;
  private static int reportedInWindow;
  private static long suppressed;

  private RateLimitedReports() {}

  /**
   * Counts one report; returns -1 when it must not be logged, else how many reports were held back
   * before it (to be named in it).
   */
  public static synchronized long admit() {
    long now = System.nanoTime();
    if (now - windowStartNanos >= MINUTE_NANOS) {
      windowStartNanos = now;
      reportedInWindow = 0;
    }
    if (reportedInWindow >= PER_MINUTE) {
      suppressed++;
      return -1;
    }
    reportedInWindow++;
    long held = suppressed;
    suppressed = 0;
    return held;
  }

  /** The reports held back and not yet named in a report; resets the count. */
  public static synchronized long drainSuppressed() {
    long held = suppressed;
    suppressed = 0;
    return held;
  }
}
