package dev.custody.core.scrub;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports texts the scrubber replaced unscanned: the first at once, then at most one line a minute with how many
 * more, so that a flood of hostile input cannot flood the log.
 */
final class ScrubFailures {

  private static final Logger logger = Logger.getLogger(SecretScrubber.class.getName());
  private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final AtomicLong unreported = new AtomicLong();
  private static final AtomicLong lastReportNanos = new AtomicLong(System.nanoTime() - QUIET_NANOS);

  private ScrubFailures() {}

  static void report(int length, String why) {
    unreported.incrementAndGet();
    long last = lastReportNanos.get();
    long now = System.nanoTime();
    if (now - last < QUIET_NANOS || !lastReportNanos.compareAndSet(last, now)) {
      return;
    }
    long reported = unreported.getAndSet(0);
    try {
      logger.log(
          Level.WARNING,
          "Custody: replaced " + (reported == 1 ? "a text" : reported + " texts") + " with [UNSCANNED:<hash>] instead"
              + " of scrubbing it (the last one: " + length + " characters; " + why + "). What carried it is still"
              + " exported.");
    } catch (Throwable ignored) {
      // A broken log handler must not stop the export either.
    }
  }
}
