package dev.custody.extension.logs;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;

/**
 * Gives every log record emitted in a case (by the agent's Logback, Log4j, JUL or JBoss bridges, or
 * the OpenTelemetry API) the attribute {@code custody.case.id}, so a SIEM row joins the case. Out
 * of a case the attribute is absent.
 */
public final class CaseIdLogRecordProcessor implements LogRecordProcessor {

  @Override
  public void onEmit(Context context, ReadWriteLogRecord logRecord) {
    try {
      String caseId = CaseIds.fromContext(context);
      if (caseId != null) {
        logRecord.setAttribute(CustodyAttributes.CASE_ID, caseId);
      }
    } catch (RuntimeException ours) {
      // The record goes out without the case id rather than not at all.
    }
  }
}
