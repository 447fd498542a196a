package dev.custody.core.escalations;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.core.cases.CaseIds;
import dev.custody.core.cases.CaseRecords;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One question to a human, open until its answer. Answered once: the first outcome stands, on
 * whichever thread gives it.
 */
public final class Escalation {

  /** The human agreed to what the agent was about to do: it went on unchanged. */
  public static final String APPROVED = "approved";

  /** The human refused it. */
  public static final String DENIED = "denied";

  /** The human changed what the agent works with (its state) before it went on. */
  public static final String CHANGED = "changed";

  /** No answer came while the question could be kept. */
  public static final String TIMED_OUT = "timed_out";

  /** The question was dropped: the agent started over without an answer. */
  public static final String CANCELLED = "cancelled";

  private final Escalations escalations;
  private final Context context;
  private final EscalationRequest request;
  private final CaseRecord askingCase;
  private final SpanContext asker;
  private final AtomicBoolean answered = new AtomicBoolean();
  private volatile boolean changed;

  Escalation(
      Escalations escalations,
      Context context,
      EscalationRequest request,
      Context asker,
      CaseRecord askingCase) {
    this.escalations = escalations;
    this.context = context;
    this.request = request;
    this.asker = Span.fromContext(asker).getSpanContext();
    this.askingCase = askingCase;
  }

  /** The human changed what the agent works with while the question waited. */
  public void markChanged() {
    changed = true;
  }

  /**
   * {@link #CHANGED} when the human changed something while the question waited, else {@link
   * #APPROVED}.
   */
  public String approvedOrChanged() {
    return changed ? CHANGED : APPROVED;
  }

  /**
   * The context the agent's work after the answer starts in, so that it stays in the case that
   * asked: {@code current} when it has a span of its own (the answer came on a request), given the
   * question's case id when it has none; else the context of what asked (its span is the parent,
   * its case id kept), outside any run that has ended.
   */
  public Context continuation(Context current) {
    String caseId = CaseIds.fromContext(context);
    if (Span.fromContext(current).getSpanContext().isValid()) {
      return CaseIds.fromContext(current) == null ? CaseIds.inCase(current, caseId) : current;
    }
    return CaseIds.inCase(Context.root().with(Span.wrap(asker)), caseId);
  }

  /**
   * Ends the escalation with its outcome, counted for the case root current in {@code answering}
   * (the run or request that brought the answer). Ending it there lets the extension name the
   * answering request's end user on it.
   */
  public void answer(Context answering, String outcome) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    CaseEscalations.answered(askingCase, CaseRecords.of(answering), outcome);
    escalations.end(this, outcome);
  }

  /** The escalation span's own context: its span, and the case it was asked in. */
  public Context context() {
    return context;
  }

  EscalationRequest request() {
    return request;
  }

  CaseRecord askingCase() {
    return askingCase;
  }
}
