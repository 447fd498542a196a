package dev.custody.instrumentation.jbosslogmanager;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.context.Context;
import org.jboss.logmanager.ExtLogRecord;

/** The MDC of a record logged in a case: the record's own copy, which also names the case. */
public final class CaseIdOnRecord {

  private CaseIdOnRecord() {}

  /** Out of a case, or when the record names a case already, the record is left as it is. */
  public static void putCurrentCase(ExtLogRecord record) {
    String caseId = CaseIds.fromContext(Context.current());
    if (caseId != null && record != null && record.getMdc(CustodyAttributes.CASE_ID_KEY) == null) {
      record.putMdc(CustodyAttributes.CASE_ID_KEY, caseId);
    }
  }
}
