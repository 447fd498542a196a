package dev.custody.core.genai;

import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which model turn asked for each tool call, so the tool's span can link to it. Keyed by
 * case and call id (providers reuse ids across conversations); bounded, the oldest entries go
 * first.
 */
final class ToolCallLinks {

  static final int CAPACITY = 4096;

  private static final Map<String, SpanContext> requestedBy =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
          return size() > CAPACITY;
        }
      };

  private ToolCallLinks() {}

  static void remember(String caseId, String callId, SpanContext modelTurn) {
    synchronized (requestedBy) {
      requestedBy.put(key(caseId, callId), modelTurn);
    }
  }

  /** The model turn that asked for this call, or null. */
  static SpanContext requester(String caseId, String callId) {
    synchronized (requestedBy) {
      return requestedBy.get(key(caseId, callId));
    }
  }

  private static String key(String caseId, String callId) {
    return caseId + '/' + callId;
  }
}
