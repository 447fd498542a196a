package dev.custody.extension.console;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.OPERATION_INVOKE_AGENT;

import dev.custody.core.cases.CaseIds;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code custody.console=true}: gathers the spans of each case and prints its timeline when its
 * outermost {@code invoke_agent} span ends. Bounded: at most {@value #MAX_OPEN_CASES} open cases
 * (the oldest is dropped) and {@value #MAX_SPANS_PER_CASE} spans per case (the rest are counted).
 */
public final class CaseTimelinePrinter implements SpanProcessor {

  static final int MAX_OPEN_CASES = 256;
  static final int MAX_SPANS_PER_CASE = 2000;

  private final PrintStream out;
  private final Map<String, OpenCase> open = new LinkedHashMap<>();

  public CaseTimelinePrinter(PrintStream out) {
    this.out = out;
  }

  private static final class OpenCase {
    final List<SpanData> spans = new ArrayList<>();
    int runningAgents;
    int dropped;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (!isAgentSpan(span)) {
      return;
    }
    String caseId = CaseIds.fromContext(parentContext);
    if (caseId == null) {
      return;
    }
    synchronized (open) {
      OpenCase openCase = open.computeIfAbsent(caseId, id -> new OpenCase());
      openCase.runningAgents++;
      if (open.size() > MAX_OPEN_CASES) {
        Iterator<String> oldest = open.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    String caseId = span.getAttribute(CASE_ID);
    if (caseId == null) {
      return;
    }
    List<SpanData> finished;
    int dropped;
    synchronized (open) {
      OpenCase openCase = open.get(caseId);
      if (openCase == null) {
        return;
      }
      if (openCase.spans.size() < MAX_SPANS_PER_CASE) {
        openCase.spans.add(span.toSpanData());
      } else {
        openCase.dropped++;
      }
      if (!isAgentSpan(span) || --openCase.runningAgents > 0) {
        return;
      }
      open.remove(caseId);
      finished = openCase.spans;
      dropped = openCase.dropped;
    }
    out.print(CaseTimeline.render(caseId, finished, dropped));
    out.flush();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  private static boolean isAgentSpan(ReadableSpan span) {
    return OPERATION_INVOKE_AGENT.equals(span.getAttribute(GEN_AI_OPERATION_NAME));
  }
}
