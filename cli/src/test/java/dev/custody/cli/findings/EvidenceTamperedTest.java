package dev.custody.cli.findings;

import static dev.custody.cli.findings.TestCase.agent;
import static dev.custody.cli.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custody.cli.findings.TestCase.Span;
import dev.custody.core.findings.CaseFinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTamperedTest {

  private final Span root = agent();
  private final Span refund = span("execute_tool refundOrder").under(root).at(5);

  @Test
  void aToolCallChangedAfterExportAndAMissingSpan() {
    TamperEvidence verifier =
        new TamperEvidence(List.of(refund.id()), List.of(), List.of("1a2b3c4d:7"), List.of());

    assertThat(new EvidenceTampered().findIn(TestCase.of(root, refund), verifier))
        .extracting(CaseFinding::rule, CaseFinding::spanId, CaseFinding::summary)
        .containsExactly(
            tuple(
                "evidence-tampered",
                refund.id(),
                "span " + refund.id() + " was changed after export: its checkpoint signed another"),
            tuple(
                "evidence-tampered",
                root.id(),
                "spans of the case are missing: numbers 1a2b3c4d:7"));
  }

  @Test
  void silentWhenTheVerifierFoundNothing() {
    assertThat(new EvidenceTampered().findIn(TestCase.of(root, refund), TamperEvidence.NONE))
        .isEmpty();
  }
}
