package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DroppedEvidenceTest {

  @Test
  void numbersMergeIntoRangesWhateverTheOrder() {
    DroppedEvidence dropped = new DroppedEvidence();
    for (long seq : new long[] {5, 3, 4, 9, 1, 10, 8}) {
      dropped.add("chat", "s", seq, null);
    }
    dropped.add("custody.checkpoint", "s", null, 2L);
    dropped.add("chat", null, null, null);

    assertThat(dropped.spans("s")).hasToString("1,3-5,8-10");
    assertThat(dropped.spans("s").count()).isEqualTo(7);
    assertThat(dropped.checkpoints("s")).hasToString("2");
    assertThat(dropped.total()).as("spans, checkpoints and one without a number").isEqualTo(9);
  }

  @Test
  void aDroppedCheckpointsOwnNoteIsCarriedForward() {
    DroppedEvidence dropped = new DroppedEvidence();
    dropped.add("custody.checkpoint", "s", null, 4L, "{\"s\":{\"spans\":\"1-3\"}}");

    assertThat(dropped.checkpoints("s")).hasToString("4");
    assertThat(dropped.spans("s")).hasToString("1-3");
    assertThat(dropped.total()).as("what was dropped now: one checkpoint").isEqualTo(1);
  }

  @Test
  void whatACheckpointNamesReadsBack() {
    DroppedEvidence dropped =
        DroppedEvidence.parse("{\"s\":{\"spans\":\"1-3,7\",\"checkpoints\":\"0-1\"}}");

    assertThat(dropped.spans("s").contains(2)).isTrue();
    assertThat(dropped.spans("s").contains(4)).isFalse();
    assertThat(dropped.checkpoints("s").count()).isEqualTo(2);
    assertThat(dropped.spans("other").count()).isZero();
    assertThat(dropped.spans("s").countWithin(2, 8)).isEqualTo(3);
    assertThat(dropped.spans("s").gapsWithin(0, 9))
        .containsExactly(new long[] {0, 0}, new long[] {4, 6}, new long[] {8, 9});
    assertThat(DroppedEvidence.parse(dropped.json()).json()).isEqualTo(dropped.json());
  }

  @Test
  void aForgedOrMalformedNoteReadsAsNothingAndCostsNoTime() {
    assertThat(DroppedEvidence.parse("{\"s\":{\"spans\":\"x-1\"}}").isEmpty()).isTrue();
    assertThat(DroppedEvidence.parse("not json").isEmpty()).isTrue();
    long start = System.nanoTime();
    DroppedEvidence huge = DroppedEvidence.parse("{\"s\":{\"spans\":\"1-9000000000000\"}}");
    assertThat(huge.spans("s").count()).isEqualTo(9_000_000_000_000L);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void rangesStayBounded() {
    DroppedEvidence dropped = new DroppedEvidence();
    for (long seq = 1; seq <= 3L * DroppedEvidence.MAX_RANGES; seq += 2) {
      dropped.add("chat", "s", seq, null);
    }
    assertThat(dropped.spans("s").count()).isEqualTo(DroppedEvidence.MAX_RANGES);
  }
}
