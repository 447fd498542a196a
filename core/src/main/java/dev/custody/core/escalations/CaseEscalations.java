package dev.custody.core.escalations;

import static dev.custody.core.CustodyAttributes.ESCALATION_COUNT;
import static dev.custody.core.CustodyAttributes.ESCALATION_OUTCOMES;
import static dev.custody.core.CustodyAttributes.ESCALATION_PENDING;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.core.AgentInternals;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * What a case root's escalations came to, on the root when it ends: {@code
 * custody.escalation.count} (asked while it ran), {@code custody.escalation.pending} (of those, not
 * yet answered) and {@code custody.escalation.outcomes} (the outcome of each answered while it ran,
 * which may have been asked by an earlier root of the case). Nothing on a root that neither asked
 * nor answered.
 */
public final class CaseEscalations {

  private static final AgentInternals.Cache<CaseRecord, Tally> TALLIES = AgentInternals.weakCache();

  private CaseEscalations() {}

  static void asked(CaseRecord askingCase) {
    if (askingCase != null) {
      TALLIES.computeIfAbsent(askingCase, record -> new Tally()).asked();
    }
  }

  static void answered(CaseRecord askingCase, CaseRecord answeringCase, String outcome) {
    Tally asking = askingCase == null ? null : TALLIES.get(askingCase);
    if (asking != null) {
      asking.settled();
    }
    if (answeringCase != null) {
      TALLIES.computeIfAbsent(answeringCase, record -> new Tally()).answered(outcome);
    }
  }

  public static void recordOn(Span caseRoot, CaseRecord record) {
    Tally tally = TALLIES.get(record);
    if (tally != null) {
      tally.recordOn(caseRoot);
    }
  }

  private static final class Tally {
    private long asked;
    private long settled;
    private final List<String> outcomes = new ArrayList<>();

    synchronized void asked() {
      asked++;
    }

    synchronized void settled() {
      settled++;
    }

    synchronized void answered(String outcome) {
      outcomes.add(outcome);
    }

    synchronized void recordOn(Span caseRoot) {
      caseRoot.setAttribute(ESCALATION_COUNT, asked);
      if (asked > settled) {
        caseRoot.setAttribute(ESCALATION_PENDING, asked - settled);
      }
      if (!outcomes.isEmpty()) {
        caseRoot.setAttribute(ESCALATION_OUTCOMES, List.copyOf(outcomes));
      }
    }
  }
}
