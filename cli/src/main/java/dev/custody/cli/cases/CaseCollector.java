package dev.custody.cli.cases;

import dev.custody.cli.source.ReceivedSpan;
import dev.custody.exporter.integrity.EvidenceSpan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Gathers the spans a source hands over into cases, by {@code custody.case.id}, across traces,
 * services and processes; a teardown of a credential several cases shared (an array of ids) goes to
 * each. Collecting one case keeps only its spans, and the spans without a case id that link to one
 * of them (a revocation after the case recorded before teardowns named their cases). Collecting
 * every case keeps each value cut to {@link #KEPT_CHARS} (and the scrubber's marks after that): the
 * facts a summary and the findings read are short, and content (prompts, messages, tool arguments)
 * is most of a large file.
 *
 * <p>What it keeps grows with the number of cases times their spans, not with the size of the
 * source; past {@link #budget} (half the heap, estimated) it keeps nothing more and says so in
 * {@link #gathered}, rather than running out of memory.
 */
public final class CaseCollector implements Consumer<ReceivedSpan> {

  static final int KEPT_CHARS = 256;
  static final int KEPT_MARKS = 16;
  private static final String REDACTED = "[REDACTED:";

  private final String onlyCase;
  private final long budget;
  private final Map<String, List<EvidenceSpan>> cases = new LinkedHashMap<>();
  private final List<EvidenceSpan> linkedOutside = new ArrayList<>();
  private long keptBytes;
  private long keptSpans;
  private boolean overBudget;

  /**
   * @param onlyCase the one case to keep, or null for every case
   */
  public CaseCollector(String onlyCase) {
    this(onlyCase, Runtime.getRuntime().maxMemory() / 2);
  }

  /**
   * @param budget the bytes (as {@link KeptSize} estimates them) it may keep
   */
  CaseCollector(String onlyCase, long budget) {
    this.onlyCase = onlyCase;
    this.budget = budget;
  }

  @Override
  public void accept(ReceivedSpan span) {
    if (span.isCheckpoint() || overBudget) {
      return;
    }
    List<String> caseIds = span.caseIds();
    if (onlyCase == null) {
      EvidenceSpan kept = caseIds.isEmpty() ? null : cut(span.evidence());
      caseIds.forEach(caseId -> cases.computeIfAbsent(caseId, id -> new ArrayList<>()).add(kept));
      count(kept, caseIds.size());
    } else if (caseIds.contains(onlyCase)) {
      cases.computeIfAbsent(onlyCase, id -> new ArrayList<>()).add(span.evidence());
      count(span.evidence(), 1);
    } else if (caseIds.isEmpty() && !span.evidence().links().isEmpty()) {
      linkedOutside.add(span.evidence());
      count(span.evidence(), 1);
    }
  }

  private void count(EvidenceSpan kept, int lists) {
    if (kept == null) {
      return;
    }
    keptSpans++;
    keptBytes += KeptSize.of(kept) + 8L * lists;
    if (keptBytes > budget) {
      overBudget = true;
      cases.clear();
      linkedOutside.clear();
    }
  }

  /**
   * The cases gathered, earliest first, as {@link #cases}; an error saying so when the spans to
   * gather needed more than the budget (half the heap).
   */
  public List<CaseSpans> gathered() throws IOException {
    if (!overBudget) {
      return cases();
    }
    throw new IOException(
        String.format(
            "the %s need more memory than half the heap (%d MB) holds: %d spans kept so far; run"
                + " java with a larger -Xmx%s",
            onlyCase == null ? "cases" : "spans of case " + onlyCase,
            budget * 2 / (1024 * 1024),
            keptSpans,
            onlyCase == null ? ", or read one case with `case CASE_ID`" : ""));
  }

  private static EvidenceSpan cut(EvidenceSpan span) {
    SortedMap<String, Object> attributes = new TreeMap<>();
    span.attributes().forEach((key, value) -> attributes.put(key, cut(value)));
    List<EvidenceSpan.Event> events = new ArrayList<>(span.events().size());
    span.events()
        .forEach(e -> events.add(new EvidenceSpan.Event(e.timeMicros(), cut(e.annotation()))));
    return span.withValues(
        attributes,
        events,
        span.statusMessage() == null ? null : cut(span.statusMessage()),
        new TreeMap<>());
  }

  private static Object cut(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(CaseCollector::cut).toList();
    }
    return value instanceof String text ? cut(text) : value;
  }

  /**
   * The first {@link #KEPT_CHARS} characters, and the scrubber's marks found after them (at most
   * {@link #KEPT_MARKS}): whether a scrubbed secret was in a model's input is a finding.
   */
  private static String cut(String text) {
    if (text.length() <= KEPT_CHARS) {
      return text;
    }
    StringBuilder kept = new StringBuilder(KEPT_CHARS + 64).append(text, 0, KEPT_CHARS).append('…');
    int mark = text.indexOf(REDACTED, KEPT_CHARS - REDACTED.length());
    for (int marks = 0; mark >= 0 && marks < KEPT_MARKS; marks++) {
      int end = text.indexOf(']', mark);
      if (end < 0 || end - mark > 64) {
        break;
      }
      kept.append(' ').append(text, mark, end + 1);
      mark = text.indexOf(REDACTED, end);
    }
    return kept.toString();
  }

  /** The cases gathered, earliest first. */
  public List<CaseSpans> cases() {
    List<CaseSpans> all = new ArrayList<>();
    cases.forEach((id, spans) -> all.add(new CaseSpans(id, withLinkedTeardown(spans))));
    all.sort(Comparator.comparingLong(c -> c.spans().get(0).startMicros()));
    return all;
  }

  private List<EvidenceSpan> withLinkedTeardown(List<EvidenceSpan> spans) {
    if (linkedOutside.isEmpty()) {
      return spans;
    }
    Set<String> ids = new HashSet<>();
    spans.forEach(span -> ids.add(span.spanId()));
    List<EvidenceSpan> with = new ArrayList<>(spans);
    for (EvidenceSpan outside : linkedOutside) {
      if (outside.links().stream().anyMatch(link -> ids.contains(link.spanId()))) {
        with.add(outside);
      }
    }
    return with;
  }
}
