package dev.custody.cli.findings;

import static dev.custody.cli.findings.ReceivedSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.custody.cli.cases.CaseSpans;
import dev.custody.core.findings.CaseFinding;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTamperedTest {

  private static final String ROOT = "00000000000000b1";
  private static final String REFUND = "00000000000000b2";

  private final CaseSpans refundCase =
      new CaseSpans(
          "6f1c0e9ad2b84d0f9a51c3e27b8d4410",
          List.of(
              span(ROOT, null, "invoke_agent OrdersAssistant", 0),
              span(REFUND, ROOT, "execute_tool refundOrder", 5)));

  @Test
  void aToolCallChangedAfterExportAndAMissingSpan() {
    TamperEvidence verifier =
        new TamperEvidence(List.of(REFUND), List.of(), List.of("1a2b3c4d:7"), List.of());

    assertThat(new EvidenceTampered().findIn(refundCase, verifier))
        .extracting(CaseFinding::rule, CaseFinding::spanId, CaseFinding::summary)
        .containsExactly(
            tuple(
                "evidence-tampered",
                REFUND,
                "span " + REFUND + " was changed after export: its checkpoint signed another"),
            tuple("evidence-tampered", ROOT, "spans of the case are missing: numbers 1a2b3c4d:7"));
  }

  @Test
  void silentWhenTheVerifierFoundNothing() {
    assertThat(new EvidenceTampered().findIn(refundCase, TamperEvidence.NONE)).isEmpty();
  }
}
