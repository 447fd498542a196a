package dev.custody.core.findings;

import java.util.List;

/** A rule that reads one case's spans alone. */
interface CaseRule {

  List<CaseFinding> findIn(SpansOfCase caseSpans);
}
