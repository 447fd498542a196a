package dev.custody.core.escalations;

import io.opentelemetry.context.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The escalations waiting for their answer, each under the key its answer will come with (a graph's
 * thread). Bounded: past {@code capacity} the oldest is given up as {@link Escalation#TIMED_OUT},
 * so its span ends and nothing is kept for a question nobody answers.
 */
public final class PendingEscalations<K> {

  private final int capacity;
  private final Map<K, Escalation> pending = new LinkedHashMap<>();

  public PendingEscalations(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Keeps {@code escalation} until its answer; one still open under the same key is {@link
   * Escalation#CANCELLED}: the agent asked again without an answer.
   */
  public void put(K key, Escalation escalation) {
    Escalation replaced;
    Escalation oldest = null;
    synchronized (pending) {
      replaced = pending.put(key, escalation);
      if (pending.size() > capacity) {
        Iterator<Escalation> first = pending.values().iterator();
        oldest = first.next();
        first.remove();
      }
    }
    if (replaced != null) {
      replaced.answer(Context.root(), Escalation.CANCELLED);
    }
    if (oldest != null) {
      oldest.answer(Context.root(), Escalation.TIMED_OUT);
    }
  }

  /** The escalation waiting under {@code key}, still kept; or null. */
  public Escalation peek(K key) {
    synchronized (pending) {
      return pending.get(key);
    }
  }

  /** The escalation waiting under {@code key}, no longer kept: its answer came; or null. */
  public Escalation take(K key) {
    synchronized (pending) {
      return pending.remove(key);
    }
  }
}
