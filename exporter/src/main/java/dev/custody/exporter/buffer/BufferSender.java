package dev.custody.exporter.buffer;

import dev.custody.exporter.SdkInternals;
import dev.custody.exporter.integrity.DroppedEvidence;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that sends what the buffer holds: the oldest batch first, to the real exporter,
 * removed from disk only once that exporter reports success, retried with a doubling pause while it
 * fails. A backend that rejects a batch as malformed (HTTP 400, gRPC INVALID_ARGUMENT) would reject
 * it forever: that batch is logged with the reason and counted as dropped. At shutdown it sends
 * what it can before a deadline and leaves the rest on disk for the next process.
 */
final class BufferSender implements Runnable {

  static final long POLL_MILLIS = 200;
  static final int UNREADABLE_TRIES = 3;

  private final Path folder;
  private final BufferSettings settings;
  private final SpanExporter delegate;
  private final BufferBudget budget;
  private final DroppedSpans dropped;
  private final long exportTimeoutMillis;
  private final long firstPauseMillis;
  private final long longestPauseMillis;
  private final Consumer<String> log;
  private final Object wake = new Object();

  private volatile long drainDeadlineNanos;
  private volatile boolean draining;
  private BufferReader reader;
  private Collection<SpanData> batch;
  private long pauseMillis;
  private long retryAtNanos;
  private boolean failing;
  private File unreadable;
  private int unreadableTries;

  BufferSender(
      Path folder,
      BufferSettings settings,
      SpanExporter delegate,
      BufferBudget budget,
      DroppedSpans dropped,
      long exportTimeoutMillis,
      long firstPauseMillis,
      long longestPauseMillis,
      Consumer<String> log) {
    this.folder = folder;
    this.settings = settings;
    this.delegate = delegate;
    this.dropped = dropped;
    this.budget = budget;
    this.exportTimeoutMillis = exportTimeoutMillis;
    this.firstPauseMillis = firstPauseMillis;
    this.longestPauseMillis = longestPauseMillis;
    this.pauseMillis = firstPauseMillis;
    this.log = log;
  }

  @Override
  public void run() {
    try {
      while (!draining) {
        try {
          step();
        } catch (RuntimeException e) {
          // A broken read (a file removed under it, a corrupt batch): start over from the files.
          closeReader();
          pause(pauseMillis);
        }
      }
      drain();
    } finally {
      closeReader();
    }
  }

  /** Asks the thread to send what it can until {@code deadlineNanos}, then to stop. */
  void drainBy(long deadlineNanos) {
    drainDeadlineNanos = deadlineNanos;
    draining = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** New data was written: look at the budget now rather than after the current pause. */
  void written() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** One turn: keep within budget, then send the oldest batch or wait for one. */
  void step() {
    List<File> doomed = budget.over(0);
    if (!doomed.isEmpty()) {
      // The reader may hold one of these files open: let go of it before they are deleted.
      closeReader();
      budget.drop(doomed);
    }
    if (batch != null && System.nanoTime() < retryAtNanos) {
      pause(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime())));
      return;
    }
    if (batch == null) {
      try {
        batch = reader().oldest();
        unreadable = null;
      } catch (RuntimeException e) {
        unreadable(e);
        return;
      }
      if (batch == null) {
        pause(POLL_MILLIS);
        return;
      }
    }
    Outcome outcome = send(batch, exportTimeoutMillis);
    if (outcome == Outcome.RETRY) {
      retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis);
      pauseMillis = Math.min(longestPauseMillis, pauseMillis * 2);
      return;
    }
    reader.sent();
    batch = null;
    pauseMillis = firstPauseMillis;
  }

  /**
   * The library could not read the oldest batch (it throws on data it cannot map back to spans):
   * after {@link #UNREADABLE_TRIES} tries on the same file, that file is dropped, counted and
   * logged, so that it never holds back what was written after it.
   */
  private void unreadable(RuntimeException e) {
    closeReader();
    List<File> files = SpanFiles.oldestFirst(folder.toFile());
    File oldest = files.isEmpty() ? null : files.get(0);
    if (oldest == null || !oldest.equals(unreadable)) {
      unreadable = oldest;
      unreadableTries = 1;
    } else if (++unreadableTries >= UNREADABLE_TRIES) {
      DroppedEvidence contents;
      try {
        contents = SpanFiles.contents(oldest);
      } catch (IOException | RuntimeException uncounted) {
        contents = new DroppedEvidence();
      }
      if (oldest.delete()) {
        log.accept(
            "Custody: the span buffer cannot read back "
                + oldest
                + " ("
                + e
                + "); the file is dropped.");
        dropped.dropped(contents, "unreadable");
      }
      unreadable = null;
    }
    pause(POLL_MILLIS);
  }

  private void drain() {
    closeReader();
    try {
      // The library reads a file from 1 ms after the time it is named by: let the last one age.
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (BufferReader all = new BufferReader(folder, SpanFiles.forDraining(settings))) {
      for (Collection<SpanData> next = all.oldest(); next != null; next = all.oldest()) {
        long left = TimeUnit.NANOSECONDS.toMillis(drainDeadlineNanos - System.nanoTime());
        if (left <= 0 || send(next, Math.min(left, exportTimeoutMillis)) == Outcome.RETRY) {
          return;
        }
        all.sent();
      }
    } catch (IOException | RuntimeException e) {
      // What was not sent stays on disk for the next process.
    }
  }

  private enum Outcome {
    SENT,
    REJECTED,
    RETRY
  }

  private Outcome send(Collection<SpanData> spans, long timeoutMillis) {
    CompletableResultCode result;
    try {
      List<SpanData> restored = new ArrayList<>(spans.size());
      for (SpanData span : spans) {
        restored.add(EmptyArrays.restored(span));
      }
      result = delegate.export(restored).join(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return Outcome.RETRY;
    }
    if (result.isSuccess()) {
      if (failing) {
        failing = false;
        log.accept("Custody: the span buffer is sending again to " + delegate + ".");
      }
      return Outcome.SENT;
    }
    String rejection =
        result.isDone() ? SdkInternals.rejectedForGood(result.getFailureThrowable()) : null;
    if (rejection != null) {
      log.accept(
          "Custody: the backend rejected a batch of "
              + spans.size()
              + " buffered span(s) as malformed and would reject it again: "
              + rejection);
      dropped.dropped(DroppedSpans.of(spans), "rejected by the backend");
      return Outcome.REJECTED;
    }
    if (!failing) {
      failing = true;
      log.accept(
          "Custody: "
              + delegate
              + " cannot send now; the span buffer keeps the spans in "
              + folder
              + " and retries.");
    }
    return Outcome.RETRY;
  }

  private BufferReader reader() {
    if (reader == null) {
      reader = new BufferReader(folder, SpanFiles.whileRunning(settings));
    }
    return reader;
  }

  private void closeReader() {
    batch = null;
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException | RuntimeException e) {
        // Nothing is lost: what was not confirmed sent is still in its file.
      }
      reader = null;
    }
  }

  private void pause(long millis) {
    synchronized (wake) {
      if (!draining && millis > 0) {
        try {
          wake.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          draining = true;
        }
      }
    }
  }
}
