package dev.custody.instrumentation.logback;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/** The MDC map of a logging event made in a case: a copy that also names the case. */
public final class CaseIdInMdc {

  private CaseIdInMdc() {}

  public static boolean named(Map<String, String> mdc) {
    return mdc.containsKey(CustodyAttributes.CASE_ID_KEY);
  }

  /** {@code mdc} with the current case's id; {@code mdc} itself out of a case. */
  public static Map<String, String> withCurrentCase(Map<String, String> mdc) {
    String caseId = CaseIds.fromContext(Context.current());
    if (caseId == null || mdc == null) {
      return mdc;
    }
    Map<String, String> named = new HashMap<>(mdc);
    named.put(CustodyAttributes.CASE_ID_KEY, caseId);
    return named;
  }
}
