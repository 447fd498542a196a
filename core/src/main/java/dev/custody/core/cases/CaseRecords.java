package dev.custody.core.cases;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.SharedKeys;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Where a case's {@link CaseRecord} is: in the context of its root and of everything the case does,
 * under one key for every class loader. What the case accumulates (credentials, decisions, what it
 * sent) is added to it where it happens and read when the root ends.
 */
public final class CaseRecords {

  @SuppressWarnings("unchecked")
  private static final ContextKey<CaseRecord> KEY =
      (ContextKey<CaseRecord>) SharedKeys.key("custody.case-record", ContextKey::named);

  private CaseRecords() {}

  /** The context of a new case root (or of a test's case), with the case's record. */
  public static Context startCase(Context caseRoot) {
    return caseRoot.with(KEY, new CaseRecord(Span.fromContext(caseRoot)));
  }

  /**
   * The context of a new case whose root span starts later ({@link AdoptedCases}), with the case's
   * record.
   */
  static Context startCaseAwaitingRoot(Context context) {
    return context.with(KEY, new CaseRecord(null));
  }

  /**
   * The record of the case {@code context} runs in, or null outside a case (or in a case rooted
   * elsewhere).
   */
  public static CaseRecord of(Context context) {
    return context.get(KEY);
  }

  public static CaseRecord current() {
    return of(Context.current());
  }

  /**
   * {@code context} counted for the case {@code caseContext} runs in (its id and its record): what
   * a span with no parent, such as a background refresh, ends with so that what it obtained counts
   * for the case it serves.
   */
  public static Context forCaseOf(Context context, Context caseContext) {
    Context inCase = CaseIds.inCase(context, CaseIds.fromContext(caseContext));
    CaseRecord record = of(caseContext);
    return record == null ? inCase : inCase.with(KEY, record);
  }
}
