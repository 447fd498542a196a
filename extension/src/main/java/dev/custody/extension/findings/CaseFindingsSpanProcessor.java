package dev.custody.extension.findings;

import static dev.custody.core.CustodyAttributes.CASE_ID;

import dev.custody.core.cases.CaseIds;
import dev.custody.core.findings.CaseFinding;
import dev.custody.core.findings.FindingRules;
import dev.custody.core.findings.SpanSnapshot;
import dev.custody.core.findings.SpansOfCase;
import dev.custody.extension.OnStartSpanProcessor;
import dev.custody.extension.cases.CaseRoots;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Records on each case root, as it ends, the findings this process saw in the case
 * (docs/findings.md): the rules of {@link FindingRules} over the spans of the case that ended
 * before the root (its children end first) and the root itself, and {@code
 * credential-shared-across-cases} against the cases it saw before. The SDK hands the processor each
 * span as it starts ({@link #onStart}) and as it ends while still writable ({@link #ending}).
 */
public final class CaseFindingsSpanProcessor extends OnStartSpanProcessor {

  private final OpenCases open = new OpenCases();
  private final CredentialUses uses = new CredentialUses();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (CaseRoots.isCaseRoot(span)) {
      String caseId = CaseIds.fromContext(parentContext);
      if (caseId != null) {
        open.started(caseId);
      }
    }
  }

  /** Keeps a span of an open case as it ends; on the case's root, records the case's findings. */
  public void ending(ReadWriteSpan span) {
    String caseId = span.getAttribute(CASE_ID);
    if (caseId == null) {
      return;
    }
    if (!CaseRoots.isCaseRoot(span)) {
      open.ended(caseId, span);
      return;
    }
    List<SpanSnapshot> spans = open.close(caseId, span.getSpanContext().getSpanId());
    if (spans == null) {
      return;
    }
    List<SpanSnapshot> ofRoot = new ArrayList<>(spans);
    ofRoot.add(LiveSpans.of(span));
    SpansOfCase caseSpans = SpansOfCase.of(caseId, ofRoot);
    List<CaseFinding> findings = new ArrayList<>(FindingRules.of(caseSpans));
    findings.addAll(uses.sharedBy(caseSpans));
    RootFindings.recordOn(span, FindingRules.ordered(caseSpans, findings));
  }
}
