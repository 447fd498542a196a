package dev.custody.extension.findings;

import dev.custody.core.findings.SpanSnapshot;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of each case whose root runs in this process, gathered as they end until the root ends.
 * Bounded: at most {@value #MAX_OPEN_CASES} open cases (a root that never ends is dropped with the
 * oldest) and {@value #MAX_SPANS_PER_CASE} spans per case (later ones are not kept).
 */
final class OpenCases {

  static final int MAX_OPEN_CASES = 128;
  static final int MAX_SPANS_PER_CASE = 512;

  private final Map<String, List<SpanSnapshot>> open = new LinkedHashMap<>();

  synchronized void started(String caseId) {
    open.putIfAbsent(caseId, new ArrayList<>());
    if (open.size() > MAX_OPEN_CASES) {
      Iterator<String> oldest = open.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Keeps the span if its case is open here and has room. */
  void ended(String caseId, ReadableSpan span) {
    synchronized (this) {
      List<SpanSnapshot> spans = open.get(caseId);
      if (spans == null || spans.size() >= MAX_SPANS_PER_CASE) {
        return;
      }
    }
    SpanSnapshot kept = LiveSpans.of(span); // outside the lock: other cases' spans go on ending
    synchronized (this) {
      List<SpanSnapshot> spans = open.get(caseId);
      if (spans != null && spans.size() < MAX_SPANS_PER_CASE) {
        spans.add(kept);
      }
    }
  }

  /** The spans of the case, which is no longer open; null when it was not open here. */
  synchronized List<SpanSnapshot> close(String caseId) {
    return open.remove(caseId);
  }
}
