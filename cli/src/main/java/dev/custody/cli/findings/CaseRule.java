package dev.custody.cli.findings;

import dev.custody.cli.cases.CaseSpans;
import java.util.List;

/** A rule that reads one case's spans alone. */
interface CaseRule {

  List<CaseFinding> findIn(CaseSpans caseSpans);
}
