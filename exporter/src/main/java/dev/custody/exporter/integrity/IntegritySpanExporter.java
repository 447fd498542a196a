package dev.custody.exporter.integrity;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Between the scrubber and one exporter: records the digest of each span as it is exported (what is
 * exported is what is signed) and sends the checkpoints due with the spans, or on their own when no
 * batch comes (a case that ended just before the service went quiet is covered within a second). At
 * shutdown, after the batch processor's last flush, it sends the stream's last checkpoint.
 */
public final class IntegritySpanExporter implements SpanExporter {

  private static final Logger logger = Logger.getLogger(IntegritySpanExporter.class.getName());

  /** One daemon thread asks for every exporter's checkpoints due while no batch comes. */
  private static final ScheduledExecutorService idleCheck =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "custody-idle-checkpoints");
            thread.setDaemon(true);
            return thread;
          });

  /** Checkpoints after the last that only name what storing the one before dropped. */
  private static final int LAST_NOTES = 3;

  private final SpanExporter delegate;
  private final EvidenceStream stream;
  private final ScheduledFuture<?> idleChecks;

  /** Held while handing spans to the delegate: the batch processor's calls and idle checkpoints. */
  private final Object exporting = new Object();

  public IntegritySpanExporter(SpanExporter delegate, EvidenceStream stream) {
    this.delegate = delegate;
    this.stream = stream;
    stream.register(this);
    long period = stream.idlePeriodNanos();
    idleChecks =
        idleCheck.scheduleWithFixedDelay(this::sendIfIdle, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    synchronized (exporting) {
      Collection<SpanData> out = spans;
      try {
        out = stream.export(this, spans);
      } catch (Throwable ours) {
        // The spans go out without their checkpoint; the next one says they were never exported.
      }
      return delegate.export(out);
    }
  }

  private void sendIfIdle() {
    try {
      synchronized (exporting) {
        List<SpanData> due = stream.dueWhileIdle(this);
        if (!due.isEmpty()) {
          delegate.export(due);
        }
      }
    } catch (Throwable ours) {
      // A failing check must not end the schedule; the next batch or shutdown sends what is due.
      logger.log(Level.FINE, "Custody could not send an idle checkpoint", ours);
    }
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    idleChecks.cancel(false);
    try {
      CompletableResultCode sent;
      synchronized (exporting) {
        List<SpanData> last = stream.close(this);
        sent = last.isEmpty() ? CompletableResultCode.ofSuccess() : delegate.export(last);
        // Storing the last checkpoint can make the buffer drop older spans: name them too.
        for (int round = 0; round < LAST_NOTES; round++) {
          List<SpanData> note = stream.droppedAfterClose(this);
          if (note.isEmpty()) {
            break;
          }
          sent = delegate.export(note);
        }
      }
      // Bounded: with the collector down, shutdown must not wait out another export timeout.
      sent.join(2, TimeUnit.SECONDS);
    } catch (Throwable ours) {
      // The exporter still shuts down; the stream's tail stays unverified.
    }
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "IntegritySpanExporter{" + delegate + "}";
  }
}
