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

  ScanBudget(long nanos) {
    this.deadlineNanos = System.nanoTime() + nanos;
  }

  void check() {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw EXCEEDED;
    }
  }
}
