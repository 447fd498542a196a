package dev.custody.exporter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.content.ContentHasher;
import org.junit.jupiter.api.Test;

class LongValuesTest {

  @Test
  void aValueUpToTheBoundIsExportedAsItIs() {
    String longest = "a".repeat(LongValues.LONGEST_DEFAULT);
    assertThat(LongValues.bounded(longest, longest)).isSameAs(longest);
  }

  @Test
  void aLongerValueKeepsItsStartAndEndsWithTheOriginalsLengthAndHash() {
    String original = "password=hunter2 " + "b".repeat(LongValues.LONGEST_DEFAULT);
    String scrubbed = original.replace("hunter2", "[REDACTED:password]");

    assertThat(LongValues.bounded(original, scrubbed))
        .isEqualTo(
            scrubbed.substring(0, LongValues.LONGEST_DEFAULT)
                + "[CUT:"
                + original.length()
                + " chars, "
                + ContentHasher.hash(original, null)
                + "]");
  }

  @Test
  void theCutNeverSplitsASurrogatePair() {
    String text = "x".repeat(9) + "\uD83D\uDE00" + "y".repeat(10);
    assertThat(LongValues.cut(text, text, 10)).startsWith("x".repeat(9) + "[CUT:21 chars, ");
  }
}
