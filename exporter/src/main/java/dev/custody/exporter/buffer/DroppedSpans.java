package dev.custody.exporter.buffer;

import static dev.custody.core.CustodyAttributes.CHECKPOINT_DROPPED;
import static dev.custody.core.CustodyAttributes.CHECKPOINT_INDEX;
import static dev.custody.core.CustodyAttributes.INTEGRITY_SEQ;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;

import dev.custody.exporter.integrity.DroppedEvidence;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the buffer could not hold: every loss is named to the evidence chain (so the next checkpoint
 * says which numbers were dropped, not deleted), adds to the {@code custody.buffer.dropped} counter
 * (at once, or as soon as the agent's SDK is the global one), and is logged at most once a minute
 * with everything dropped since the last line.
 */
final class DroppedSpans {

  static final String COUNTER = "custody.buffer.dropped";
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Consumer<String> log;
  private final Consumer<DroppedEvidence> evidence;
  private final LongSupplier nanoTime;
  private LongCounter counter;
  private long total;
  private long unlogged;
  private long uncounted;
  private String lastReason;
  private long lastLogNanos;
  private boolean logged;

  DroppedSpans(Consumer<String> log, Consumer<DroppedEvidence> evidence, LongSupplier nanoTime) {
    this.log = log;
    this.evidence = evidence;
    this.nanoTime = nanoTime;
  }

  /** What {@code spans} are, as the evidence chain names them. */
  static DroppedEvidence of(Collection<SpanData> spans) {
    DroppedEvidence contents = new DroppedEvidence();
    for (SpanData span : spans) {
      Attributes attributes = span.getAttributes();
      contents.add(
          span.getName(),
          attributes.get(INTEGRITY_STREAM),
          attributes.get(INTEGRITY_SEQ),
          attributes.get(CHECKPOINT_INDEX),
          attributes.get(CHECKPOINT_DROPPED));
    }
    return contents;
  }

  /** Records {@code contents} lost for {@code reason} (for example "the buffer is full"). */
  synchronized void dropped(DroppedEvidence contents, String reason) {
    long spans = contents.total();
    if (spans <= 0) {
      return;
    }
    evidence.accept(contents);
    total += spans;
    unlogged += spans;
    lastReason = reason;
    uncounted += spans;
    LongCounter counter = counter();
    if (counter != null) {
      counter.add(uncounted);
      uncounted = 0;
    }
    long now = nanoTime.getAsLong();
    if (!logged || now - lastLogNanos >= LOG_EVERY_NANOS) {
      logNow(now);
    }
  }

  /** The line still owed, at shutdown. */
  synchronized void flushLog() {
    if (unlogged > 0) {
      logNow(nanoTime.getAsLong());
    }
  }

  synchronized long total() {
    return total;
  }

  private void logNow(long now) {
    log.accept(
        "Custody: the span buffer dropped "
            + unlogged
            + " span(s) ("
            + lastReason
            + "); "
            + total
            + " dropped since start, counted in "
            + COUNTER
            + ".");
    unlogged = 0;
    logged = true;
    lastLogNanos = now;
  }

  /**
   * The counter, once the agent has set the global OpenTelemetry: asking for it earlier would set a
   * no-op one in its place for good. Until then the count waits.
   */
  private LongCounter counter() {
    if (counter == null && GlobalOpenTelemetry.isSet()) {
      counter =
          GlobalOpenTelemetry.getMeter("dev.custody.buffer")
              .counterBuilder(COUNTER)
              .setUnit("{span}")
              .setDescription("Spans the durable buffer dropped before a backend took them")
              .build();
    }
    return counter;
  }
}
