package dev.custody.exporter.buffer;

import dev.custody.exporter.integrity.DroppedEvidence;
import io.opentelemetry.contrib.disk.buffering.storage.impl.FileSpanStorage;
import io.opentelemetry.contrib.disk.buffering.storage.result.WriteResult;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A durable buffer in front of a network exporter: {@link #export} appends the batch to a file on
 * the exporter thread and returns, and a daemon {@link BufferSender} sends the files to the real
 * exporter, deleting what it confirmed. Spans outlive a collector outage and a killed process (the
 * next process on the same folder sends them, with their own resource and times). A folder that
 * cannot be written makes it pass spans straight to the real exporter, with one log line.
 */
public final class BufferedSpanExporter implements SpanExporter {

  static final long FIRST_PAUSE_MILLIS = 500;

  /**
   * Spans written at once: the batch processor's default batch, so each is one record read back and
   * sent in one request; a larger batch is cut (a record must fit a file, 1 MiB at most).
   */
  static final int SPANS_PER_WRITE = 512;

  static final long LONGEST_PAUSE_MILLIS = 10_000;

  private final SpanExporter delegate;
  private final BufferFolder folder;
  private final FileSpanStorage storage;
  private final BufferBudget budget;

  /** Room a new file may take: its limit, and the record length prefixes the limit leaves out. */
  private final long newFileRoom;

  private final BufferSender sender;
  private final Thread senderThread;
  private final DroppedSpans dropped;
  private final Duration exportTimeout;
  private final Consumer<String> log;
  private final AtomicBoolean degraded = new AtomicBoolean();
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private BufferedSpanExporter(
      SpanExporter delegate,
      BufferFolder folder,
      BufferSettings settings,
      Duration exportTimeout,
      long firstPauseMillis,
      Consumer<DroppedEvidence> droppedEvidence,
      Consumer<String> log) {
    this.delegate = delegate;
    this.folder = folder;
    this.exportTimeout = exportTimeout;
    this.log = log;
    this.storage =
        FileSpanStorage.create(folder.spans().toFile(), SpanFiles.whileRunning(settings));
    this.dropped = new DroppedSpans(log, droppedEvidence, System::nanoTime);
    this.budget = new BufferBudget(folder.spans(), settings, System::currentTimeMillis, dropped);
    this.newFileRoom = SpanFiles.maxFileSize(settings) * 17L / 16;
    this.sender =
        new BufferSender(
            folder.spans(),
            settings,
            delegate,
            budget,
            dropped,
            exportTimeout.toMillis(),
            firstPauseMillis,
            LONGEST_PAUSE_MILLIS,
            log);
    this.senderThread = new Thread(sender, "custody-span-buffer");
    senderThread.setDaemon(true);
    senderThread.start();
  }

  /**
   * {@code delegate} behind a buffer in {@code settings.dir()}, or {@code delegate} itself when the
   * buffer is off or its folder cannot be used (said in one warning). Where it is goes to {@code
   * info}; retries and losses to {@code warning}, and what was lost to {@code droppedEvidence}.
   */
  public static SpanExporter wrap(
      SpanExporter delegate,
      BufferSettings settings,
      Duration exportTimeout,
      Consumer<DroppedEvidence> droppedEvidence,
      Consumer<String> info,
      Consumer<String> warning) {
    return wrap(
        delegate, settings, exportTimeout, FIRST_PAUSE_MILLIS, droppedEvidence, info, warning);
  }

  static SpanExporter wrap(
      SpanExporter delegate,
      BufferSettings settings,
      Duration exportTimeout,
      long firstPauseMillis,
      Consumer<DroppedEvidence> droppedEvidence,
      Consumer<String> info,
      Consumer<String> log) {
    if (!settings.enabled()) {
      return delegate;
    }
    BufferFolder folder = null;
    try {
      folder = BufferFolder.claim(settings.dir());
      SpanExporter buffered =
          new BufferedSpanExporter(
              delegate, folder, settings, exportTimeout, firstPauseMillis, droppedEvidence, log);
      info.accept(
          "Custody buffers spans on disk in "
              + folder.spans()
              + " (up to "
              + (settings.maxBytes() >> 10)
              + " KiB, kept "
              + settings.maxAge()
              + ") before "
              + delegate
              + " sends them.");
      return buffered;
    } catch (IOException | RuntimeException e) {
      closeQuietly(folder);
      log.accept(
          "Custody: the span buffer cannot use "
              + settings.dir()
              + " ("
              + e
              + "); spans go to "
              + delegate
              + " from memory, unbuffered: a collector outage or a crash can lose them.");
      return delegate;
    }
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> direct = new ArrayList<>();
    // One writer at a time: the batch processor's thread, but also a shutdown's last checkpoint.
    synchronized (storage) {
      List<SpanData> storable = new ArrayList<>(spans.size());
      for (SpanData span : spans) {
        storable.add(EmptyArrays.hidden(span));
      }
      for (int from = 0; from < storable.size(); from += SPANS_PER_WRITE) {
        store(storable.subList(from, Math.min(storable.size(), from + SPANS_PER_WRITE)), direct);
      }
    }
    sender.written();
    if (direct.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    direct.replaceAll(EmptyArrays::restored);
    return delegate.export(direct);
  }

  /** Stores the spans; those it cannot go into {@code direct}, for the real exporter. */
  private void store(List<SpanData> spans, List<SpanData> direct) {
    if (degraded.get() || shutdown.get()) {
      direct.addAll(spans);
      return;
    }
    // Room for a whole new file first, so that the folder never holds more than its budget.
    List<File> doomed = budget.over(newFileRoom);
    if (!doomed.isEmpty()) {
      budget.drop(doomed);
    }
    WriteResult result;
    try {
      result = storage.write(spans).get();
    } catch (ExecutionException | RuntimeException | LinkageError e) {
      result = WriteResult.error(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = WriteResult.error(new IOException(e));
    }
    if (result.isSuccessful()) {
      return;
    }
    // The library says a batch did not fit with a plain Exception; anything else is the disk's.
    if (result.getError() == null || result.getError().getClass() != Exception.class) {
      degrade(result.getError());
      direct.addAll(spans);
      return;
    }
    if (spans.size() == 1) {
      // One span larger than a whole file: it alone goes straight out.
      direct.addAll(spans);
      return;
    }
    // Larger than a file: store it in halves.
    int half = spans.size() / 2;
    store(spans.subList(0, half), direct);
    store(spans.subList(half, spans.size()), direct);
  }

  private void degrade(Throwable error) {
    if (degraded.compareAndSet(false, true)) {
      log.accept(
          "Custody: the span buffer in "
              + folder.spans()
              + " cannot be written ("
              + error
              + "); from now on spans go to "
              + delegate
              + " from memory, unbuffered. What is already on disk is still sent.");
    }
  }

  @Override
  public CompletableResultCode flush() {
    // What export() accepted is on disk already.
    return CompletableResultCode.ofSuccess();
  }

  /**
   * Stops writing, sends what it can within the export timeout, leaves the rest on disk for the
   * next process on this folder, then shuts the real exporter down.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      return CompletableResultCode.ofSuccess();
    }
    try {
      synchronized (storage) {
        storage.close();
      }
    } catch (IOException | RuntimeException e) {
      // Every write so far went straight to the file; nothing is held in memory.
    }
    long deadline = System.nanoTime() + exportTimeout.toNanos();
    sender.drainBy(deadline);
    try {
      senderThread.join(exportTimeout.toMillis() + TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dropped.flushLog();
    if (!senderThread.isAlive()) {
      closeQuietly(folder);
    }
    return delegate.shutdown();
  }

  long droppedSpans() {
    return dropped.total();
  }

  private static void closeQuietly(BufferFolder folder) {
    if (folder != null) {
      try {
        folder.close();
      } catch (IOException e) {
        // The lock goes with the process anyway.
      }
    }
  }

  @Override
  public String toString() {
    return "BufferedSpanExporter{" + delegate + "}";
  }
}
