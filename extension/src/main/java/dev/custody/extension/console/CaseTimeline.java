package dev.custody.extension.console;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.custody.core.scrub.SecretScrubber;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renders the spans of one case as an indented timeline: offset from the case start, duration,
 * name, key facts.
 */
final class CaseTimeline {

  private static final AttributeKey<String> URL_FULL = stringKey("url.full");
  private static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");
  private static final int DETAIL_LENGTH = 72;

  private CaseTimeline() {}

  static String render(String caseId, List<SpanData> spans, int dropped) {
    List<SpanData> byStart = new ArrayList<>(spans);
    byStart.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    Set<String> ids = new HashSet<>();
    Map<String, List<SpanData>> children = new HashMap<>();
    for (SpanData span : byStart) {
      ids.add(span.getSpanId());
    }
    List<SpanData> tops = new ArrayList<>();
    for (SpanData span : byStart) {
      if (ids.contains(span.getParentSpanId())) {
        children.computeIfAbsent(span.getParentSpanId(), id -> new ArrayList<>()).add(span);
      } else {
        tops.add(span);
      }
    }
    StringBuilder out = new StringBuilder();
    long start = byStart.isEmpty() ? 0 : byStart.get(0).getStartEpochNanos();
    String traceId = byStart.isEmpty() ? "-" : byStart.get(0).getTraceId();
    out.append("[custody] case ").append(caseId).append("  trace ").append(traceId).append('\n');
    for (SpanData top : tops) {
      appendTree(out, top, children, start, 1);
    }
    if (dropped > 0) {
      out.append("  (").append(dropped).append(" more spans not shown)\n");
    }
    return out.toString();
  }

  private static void appendTree(
      StringBuilder out,
      SpanData span,
      Map<String, List<SpanData>> children,
      long caseStart,
      int depth) {
    out.append(
            String.format(
                "  %+7d ms %7d ms ", millis(span.getStartEpochNanos() - caseStart), duration(span)))
        .append("  ".repeat(depth))
        .append(span.getName())
        .append(details(span))
        .append('\n');
    for (SpanData child : children.getOrDefault(span.getSpanId(), List.of())) {
      appendTree(out, child, children, caseStart, depth + 1);
    }
  }

  private static String details(SpanData span) {
    Attributes attributes = span.getAttributes();
    StringBuilder details = new StringBuilder();
    String url = attributes.get(URL_FULL);
    if (url != null) {
      details.append("  ").append(cut(SecretScrubber.scrub(url)));
    }
    Long status = attributes.get(HTTP_STATUS);
    if (status != null) {
      details.append(" -> ").append(status);
    }
    String prompt = attributes.get(INTENT_PROMPT);
    if (prompt != null) {
      details.append("  prompt=\"").append(cut(prompt.replace('\n', ' '))).append('"');
    }
    Boolean complete = attributes.get(RECORD_COMPLETE);
    if (complete != null) {
      details
          .append(complete ? "  [record complete]" : "  [record incomplete: missing ")
          .append(complete ? "" : String.join(", ", attributes.get(RECORD_MISSING)) + "]");
    }
    if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
      String type = attributes.get(ERROR_TYPE);
      details.append("  ERROR").append(type != null ? " " + type : "");
    }
    return details.toString();
  }

  private static String cut(String text) {
    return text.length() <= DETAIL_LENGTH ? text : text.substring(0, DETAIL_LENGTH - 1) + "…";
  }

  private static long duration(SpanData span) {
    return millis(span.getEndEpochNanos() - span.getStartEpochNanos());
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
