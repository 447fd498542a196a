package dev.custody.core.scrub;

/** How long scanning one text may take; checked between scanners, which each run in linear time. */
final class ScanBudget {

  /** Thrown when the budget is spent; carries no stack trace, it is expected. */
  static final class Exceeded extends RuntimeException {
    Exceeded() {
      super("scan budget exceeded", null, false, false);
    }
  }

  private static final Exceeded EXCEEDED = new Exceeded();

  private final long deadlineNanos;

  /**
   * @param nanos the time allowed; {@link Long#MAX_VALUE} for no limit
   */
  ScanBudget(long nanos) {
    this.deadlineNanos = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
  }

  void check() {
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
      throw EXCEEDED;
    }
  }
}
