package dev.custody.core.scrub;

import dev.custody.bootstrap.RateLimitedReports;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports each text the scrubber replaced unscanned in one log line, a few a minute for the whole
 * JVM ({@link RateLimitedReports}), so that a flood of hostile input cannot flood the log; those
 * held back are counted in the next line, or at shutdown ({@link #reportHeldBack}).
 */
public final class ScrubFailures {

  private static final Logger logger = Logger.getLogger(SecretScrubber.class.getName());

  private ScrubFailures() {}

  static void report(int length, String why) {
    long heldBack = RateLimitedReports.admit();
    if (heldBack < 0) {
      return;
    }
    log(
        "Custody: replaced a text of "
            + length
            + " characters with [UNSCANNED:<hash>] instead of scrubbing it ("
            + why
            + "); what carried it is still exported."
            + (heldBack > 0
                ? " " + heldBack + " more were replaced since the last such line."
                : ""));
  }

  /**
   * Logs how many replacements were held back and not yet reported; at shutdown, so none goes
   * unmentioned.
   */
  public static void reportHeldBack() {
    long heldBack = RateLimitedReports.drainSuppressed();
    if (heldBack > 0) {
      log(
          "Custody: "
              + heldBack
              + " more texts were replaced with [UNSCANNED:<hash>] since the last such line.");
    }
  }

  private static void log(String line) {
    try {
      logger.log(Level.WARNING, line);
    } catch (Throwable ignored) {
      // A broken log handler must not stop the export either.
    }
  }
}
