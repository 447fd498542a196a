package dev.custody.instrumentation.log4j;

import dev.custody.core.CustodyAttributes;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.context.Context;
import java.util.Map;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/** {@code custody.case.id} for the context data of an event logged in a case; none outside. */
public final class CaseIdContextDataProvider implements ContextDataProvider {

  @Override
  public Map<String, String> supplyContextData() {
    try {
      String caseId = CaseIds.fromContext(Context.current());
      return caseId == null ? Map.of() : Map.of(CustodyAttributes.CASE_ID_KEY, caseId);
    } catch (RuntimeException ours) {
      return Map.of();
    }
  }
}
