package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIncompleteTest {

  @Test
  void aRecordWithoutIntentOrWorkload() {
    TestCase.Span root =
        agent()
            .attr("custody.record.complete", "false")
            .attr("custody.record.missing", List.of("intent", "workload_identity"));

    assertThat(new RecordIncomplete().findIn(TestCase.of(root)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("record-incomplete");
              assertThat(finding.severity()).isEqualTo("low");
              assertThat(finding.spanId()).isEqualTo(root.id());
              assertThat(finding.summary())
                  .isEqualTo("the case's record lacks intent, workload_identity");
            });
  }

  @Test
  void silentOnACompleteRecord() {
    TestCase.Span root =
        agent().attr("custody.record.complete", "true").attr("custody.record.missing", List.of());

    assertThat(new RecordIncomplete().findIn(TestCase.of(root))).isEmpty();
  }
}
