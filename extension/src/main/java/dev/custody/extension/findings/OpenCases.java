package dev.custody.extension.findings;

import dev.custody.core.findings.SpanSnapshot;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans of each case whose root runs in this process, gathered as they end until the root ends.
 * A case may have two roots here at once (a consumer that adopted the case of a producer in the
 * same process): the first to end takes the spans below it, the last all that are left. Bounded: at
 * most {@value #MAX_OPEN_CASES} open cases (a root that never ends is dropped with the oldest) and
 * {@value #MAX_SPANS_PER_CASE} spans per case (later ones are not kept).
 */
final class OpenCases {

  static final int MAX_OPEN_CASES = 128;
  static final int MAX_SPANS_PER_CASE = 512;

  private final Map<String, OpenCase> open = new LinkedHashMap<>();

  private static final class OpenCase {
    final List<SpanSnapshot> spans = new ArrayList<>();
    int runningRoots;
  }

  synchronized void started(String caseId) {
    open.computeIfAbsent(caseId, id -> new OpenCase()).runningRoots++;
    if (open.size() > MAX_OPEN_CASES) {
      Iterator<String> oldest = open.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Keeps the span if its case is open here and has room. */
  void ended(String caseId, ReadableSpan span) {
    synchronized (this) {
      OpenCase openCase = open.get(caseId);
      if (openCase == null || openCase.spans.size() >= MAX_SPANS_PER_CASE) {
        return;
      }
    }
    SpanSnapshot kept = LiveSpans.of(span); // outside the lock: other cases' spans go on ending
    synchronized (this) {
      OpenCase openCase = open.get(caseId);
      if (openCase != null && openCase.spans.size() < MAX_SPANS_PER_CASE) {
        openCase.spans.add(kept);
      }
    }
  }

  /**
   * The spans of the case for its root {@code rootSpanId}, which has ended: all that are left when
   * it was the case's last root running here, else those below it. Null when the case was not open
   * here.
   */
  synchronized List<SpanSnapshot> close(String caseId, String rootSpanId) {
    OpenCase openCase = open.get(caseId);
    if (openCase == null) {
      return null;
    }
    if (--openCase.runningRoots <= 0) {
      open.remove(caseId);
      return openCase.spans;
    }
    Set<String> below = below(openCase.spans, rootSpanId);
    List<SpanSnapshot> taken =
        openCase.spans.stream().filter(span -> below.contains(span.spanId())).toList();
    openCase.spans.removeIf(span -> below.contains(span.spanId()));
    return taken;
  }

  /** The ids of the spans whose parents lead, within {@code spans}, to {@code rootSpanId}. */
  private static Set<String> below(List<SpanSnapshot> spans, String rootSpanId) {
    Map<String, String> parents = new HashMap<>();
    spans.forEach(span -> parents.put(span.spanId(), span.parentSpanId()));
    Set<String> below = new HashSet<>();
    for (SpanSnapshot span : spans) {
      String parent = span.parentSpanId();
      for (int hops = 0; parent != null && hops < spans.size(); hops++) {
        if (parent.equals(rootSpanId)) {
          below.add(span.spanId());
          break;
        }
        parent = parents.get(parent);
      }
    }
    return below;
  }
}
