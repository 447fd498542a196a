package dev.custody.exporter.integrity;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_IDS;
import static dev.custody.core.CustodyAttributes.INTEGRITY_SEQ;
import static dev.custody.core.CustodyAttributes.INTEGRITY_STREAM;
import static dev.custody.core.CustodyAttributes.OPERATION_INVOKE_AGENT;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the span processor that numbers spans and every integrity exporter of one process share: the
 * {@link EvidenceChain}, when the next checkpoint is due, and the checkpoint spans each exporter
 * still has to send. Checkpoints ride on the exporters' own calls, so they reach every exporter, in
 * order; when no batch comes, an exporter asks for those due while idle; the last one is sent when
 * the exporters shut down, after the batch processor's final flush.
 */
public final class EvidenceStream {

  private static final Logger logger = Logger.getLogger(EvidenceStream.class.getName());

  /** Unsent checkpoints kept for a lagging exporter before the oldest are given up. */
  private static final int MAX_UNSENT = 64;

  private final EvidenceChain chain;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final SpanDigests digests = new SpanDigests();

  /**
   * The number of the last case root that ended and is not covered yet; set on the app's thread.
   */
  private final AtomicLong caseEndedAt = new AtomicLong();

  // Guarded by this.
  private final List<SpanData> written = new ArrayList<>();
  private final Map<Object, Long> sent = new HashMap<>();
  private long firstWrittenIndex;
  private long lastCheckpointNanos;
  private long lastExportNanos;
  private boolean closed;
  private boolean digestFailureLogged;
  private Resource resource = Resource.getDefault();

  public EvidenceStream(EvidenceChain chain, long intervalNanos, LongSupplier nanoTime) {
    this.chain = chain;
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
    this.lastCheckpointNanos = nanoTime.getAsLong();
  }

  /** An exporter that will be handed every checkpoint written from now on. */
  public synchronized void register(Object exporter) {
    sent.put(exporter, firstWrittenIndex + written.size());
  }

  /** Numbers a span as it ends; a case root's end asks for a checkpoint once its spans settle. */
  public void ending(ReadWriteSpan span) {
    long seq = chain.issue();
    span.setAttribute(INTEGRITY_STREAM, chain.stream());
    span.setAttribute(INTEGRITY_SEQ, seq);
    if (span.getName().startsWith(OPERATION_INVOKE_AGENT)) {
      caseEndedAt.accumulateAndGet(seq, Math::max); // no lock: the exporter may hold this one
    }
  }

  /**
   * Records the digests of the spans {@code exporter} is about to send, and returns them with the
   * checkpoint spans it has not sent yet.
   */
  public synchronized List<SpanData> export(Object exporter, Collection<SpanData> spans) {
    lastExportNanos = nanoTime.getAsLong();
    for (SpanData span : spans) {
      record(span);
    }
    if (!closed) {
      checkpointIfDue();
    }
    List<SpanData> out = new ArrayList<>(spans.size() + 1);
    out.addAll(spans);
    out.addAll(unsent(exporter));
    return out;
  }

  /** How often an exporter asks for {@link #dueWhileIdle}: the interval, at most a second. */
  public long idlePeriodNanos() {
    return Math.min(intervalNanos, TimeUnit.SECONDS.toNanos(1));
  }

  /**
   * The checkpoints {@code exporter} has to send when no batch has come for an idle period: those
   * due for spans exported before the pause (a case that ended, the interval) and any unsent.
   */
  public synchronized List<SpanData> dueWhileIdle(Object exporter) {
    if (closed || nanoTime.getAsLong() - lastExportNanos < idlePeriodNanos()) {
      return List.of();
    }
    checkpointIfDue();
    return unsent(exporter);
  }

  /**
   * The stream's last checkpoint (written once, by the first exporter to shut down) and any unsent.
   */
  public synchronized List<SpanData> close(Object exporter) {
    if (!closed) {
      closed = true;
      write("shutdown");
    }
    return unsent(exporter);
  }

  /**
   * After the stream's last checkpoint, one more when storing that one made the durable buffer drop
   * older spans, so that loss is named too; none otherwise.
   */
  public synchronized List<SpanData> droppedAfterClose(Object exporter) {
    if (closed && chain.hasDropped()) {
      write("shutdown");
    }
    return unsent(exporter);
  }

  /** What the durable buffer dropped after numbering: named on the next checkpoint. */
  public void dropped(DroppedEvidence evidence) {
    if (!evidence.isEmpty()) {
      chain.dropped(evidence);
    }
  }

  private void record(SpanData span) {
    Long seq = span.getAttributes().get(INTEGRITY_SEQ);
    if (seq == null || !chain.stream().equals(span.getAttributes().get(INTEGRITY_STREAM))) {
      return;
    }
    resource = span.getResource();
    try {
      byte[][] forms = digests.of(span);
      chain.exported(seq, forms[0], forms[1], caseIds(span.getAttributes()));
    } catch (RuntimeException e) {
      // The span is still exported; its checkpoint will say no exporter got it.
      if (!digestFailureLogged) {
        digestFailureLogged = true;
        logger.log(Level.WARNING, "Custody could not digest a span for its checkpoint", e);
      }
    }
  }

  /**
   * The cases a span belongs to: its {@code custody.case.id}, a string or (a teardown) an array.
   */
  static List<String> caseIds(Attributes attributes) {
    String one = attributes.get(CASE_ID);
    if (one != null) {
      return List.of(one);
    }
    List<String> several = attributes.get(CASE_IDS);
    return several == null ? List.of() : several;
  }

  private void checkpointIfDue() {
    long now = nanoTime.getAsLong();
    long ended = caseEndedAt.get();
    if (ended > 0) {
      write("case_end");
      if (chain.coveredUpTo() >= ended) {
        caseEndedAt.compareAndSet(ended, 0); // a case that ended meanwhile keeps its request
      }
    } else if (now - lastCheckpointNanos >= intervalNanos || chain.fullCheckpointSettled()) {
      // A busy stream is covered as it goes, not in one burst at the interval.
      write("interval");
    }
  }

  private void write(String reason) {
    try {
      for (SignedCheckpoint checkpoint : chain.checkpoints(reason)) {
        written.add(CheckpointSpan.of(checkpoint, resource));
        lastCheckpointNanos = nanoTime.getAsLong();
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      logger.log(Level.WARNING, "Custody could not sign a checkpoint", e);
    }
  }

  private List<SpanData> unsent(Object exporter) {
    long next = Math.max(sent.getOrDefault(exporter, firstWrittenIndex), firstWrittenIndex);
    List<SpanData> unsent =
        new ArrayList<>(written.subList((int) (next - firstWrittenIndex), written.size()));
    sent.put(exporter, firstWrittenIndex + written.size());
    long sentByAll = sent.values().stream().mapToLong(Long::longValue).min().orElse(0);
    while (firstWrittenIndex < sentByAll && !written.isEmpty()) {
      written.remove(0);
      firstWrittenIndex++;
    }
    // Kept only for another exporter that lags: it cannot hold them all back for ever.
    while (written.size() > MAX_UNSENT) {
      written.remove(0);
      firstWrittenIndex++;
      logger.warning("Custody gave up a checkpoint an exporter had not sent yet");
    }
    return unsent;
  }
}
