package dev.custody.cli.verify;

import dev.custody.cli.source.ReceivedSpan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One span the report names: what it is, where it sits in which case, and what is wrong. */
public record Finding(String spanId, String name, String caseId, Instant start, String problem) {

  static Finding of(ReceivedSpan span, String problem) {
    return new Finding(
        span.evidence().spanId(),
        span.evidence().name(),
        span.caseIds().isEmpty() ? null : String.join(", ", span.caseIds()),
        Instant.EPOCH.plus(span.evidence().startMicros(), ChronoUnit.MICROS),
        problem);
  }
}
