package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvidenceChainTest {

  private static final long GRACE = TimeUnit.SECONDS.toNanos(30);

  private final AtomicLong now = new AtomicLong();
  private CheckpointKey key;
  private EvidenceChain chain;

  @BeforeEach
  void newStream() throws Exception {
    key = CheckpointKey.fromPrivateKeyPem(CheckpointKeyTest.OPENSSL_PRIVATE_KEY);
    chain = new EvidenceChain("5eed", key, GRACE, now::get, () -> now.get() / 1000);
  }

  @Test
  void aCheckpointNamesTheNumbersOfEachCaseItCovers() throws Exception {
    String longId = "x".repeat(CheckpointCases.MAX_KEY + 1);
    chain.exported(chain.issue(), digest(1), digest(1), List.of("case-a"));
    chain.exported(chain.issue(), digest(2), digest(2), List.of());
    chain.exported(chain.issue(), digest(3), digest(3), List.of("case-a"));
    chain.exported(chain.issue(), digest(4), digest(4), List.of("case-a"));
    chain.exported(chain.issue(), digest(5), digest(5), List.of(longId));
    chain.exported(chain.issue(), digest(6), digest(6), List.of("case-a", "case-b"));

    String cases = chain.checkpoints("case_end").get(0).checkpoint().cases();

    assertThat(cases)
        .isEqualTo(
            "{\"case-a\":\"1,3-4,6\",\"case-b\":\"6\",\""
                + CheckpointCases.key(longId)
                + "\":\"5\"}");
    assertThat(CheckpointCases.key(longId)).startsWith("sha256:").hasSize(7 + 32);
    assertThat(CheckpointCases.numbersOf(cases, "case-a")).containsExactly(1L, 3L, 4L, 6L);
    assertThat(CheckpointCases.numbersOf(cases, longId)).containsExactly(5L);
    assertThat(CheckpointCases.numbersOf(cases, "case-b"))
        .as("a teardown of a credential both cases shared")
        .containsExactly(6L);
    assertThat(CheckpointCases.numbersOf(cases, "case-c")).isEmpty();
    assertThat(CheckpointCases.numbersOf("{\"case-a\":\"1-999999999\"}", "case-a"))
        .hasSize(EvidenceChain.MAX_SPANS_PER_CHECKPOINT);
  }

  @Test
  void spansExportedOutOfOrderAreCoveredOnceTheirPrefixIsComplete() throws Exception {
    long first = chain.issue();
    long second = chain.issue();
    long third = chain.issue();
    chain.exported(third, digest(3), digest(-3), List.of());
    chain.exported(first, digest(1), digest(-1), List.of());

    SignedCheckpoint one = only(chain.checkpoints("interval"));
    chain.exported(second, digest(2), digest(-2), List.of());
    SignedCheckpoint two = only(chain.checkpoints("case_end"));

    assertThat(List.of(one.checkpoint().firstSeq(), one.checkpoint().lastSeq()))
        .containsExactly(1L, 1L);
    assertThat(List.of(two.checkpoint().firstSeq(), two.checkpoint().lastSeq()))
        .containsExactly(2L, 3L);
    assertThat(digests(two.checkpoint().coreDigests())).containsExactly(digest(2), digest(3));
    assertThat(digests(two.checkpoint().fullDigests())).containsExactly(digest(-2), digest(-3));
    assertThat(two.checkpoint().count()).isEqualTo(2);
    assertThat(two.checkpoint().reason()).isEqualTo("case_end");
  }

  @Test
  void checkpointsChainAndVerifyWithTheAuditorsPublicKey() throws Exception {
    chain.exported(chain.issue(), digest(1), digest(1), List.of());
    SignedCheckpoint one = only(chain.checkpoints("interval"));
    chain.exported(chain.issue(), digest(2), digest(2), List.of());
    SignedCheckpoint two = only(chain.checkpoints("interval"));

    assertThat(one.checkpoint().index()).isZero();
    assertThat(one.checkpoint().previous()).isEmpty();
    assertThat(two.checkpoint().index()).isOne();
    assertThat(two.checkpoint().previous()).isEqualTo(one.checkpoint().hash());
    assertThat(two.checkpoint().keyId()).isEqualTo(key.id());
    assertThat(two.checkpoint().keySource()).isEqualTo("configured");
    var auditors = CheckpointKey.publicKeyFromPem(CheckpointKeyTest.OPENSSL_PUBLIC_KEY);
    for (SignedCheckpoint signed : List.of(one, two)) {
      assertThat(
              CheckpointKey.verifies(
                  auditors,
                  signed.checkpoint().payload(),
                  Base64.getDecoder().decode(signed.signature())))
          .isTrue();
    }
  }

  @Test
  void aSpanNoExporterGotWaitsOutTheGraceThenIsCoveredAsNeverExported() throws Exception {
    long lost = chain.issue();
    chain.exported(chain.issue(), digest(2), digest(2), List.of());

    assertThat(chain.checkpoints("interval")).isEmpty();
    now.addAndGet(GRACE + 1);
    SignedCheckpoint checkpoint = only(chain.checkpoints("interval"));

    assertThat(checkpoint.checkpoint().firstSeq()).isEqualTo(lost);
    assertThat(checkpoint.checkpoint().count()).isEqualTo(1);
    assertThat(digests(checkpoint.checkpoint().coreDigests()))
        .containsExactly(new byte[CanonicalSpan.DIGEST_BYTES], digest(2));
  }

  @Test
  void aSecondExporterOrARetryDoesNotChangeTheDigestAlreadyRecorded() throws Exception {
    long seq = chain.issue();
    chain.exported(seq, digest(1), digest(1), List.of());
    chain.exported(seq, digest(9), digest(9), List.of());
    SignedCheckpoint checkpoint = only(chain.checkpoints("interval"));
    chain.exported(seq, digest(7), digest(7), List.of()); // after its checkpoint: nothing to change

    assertThat(digests(checkpoint.checkpoint().coreDigests())).containsExactly(digest(1));
    assertThat(chain.checkpoints("interval")).isEmpty();
  }

  @Test
  void shutdownSettlesEverythingAndAlwaysWritesTheStreamsLastCheckpoint() throws Exception {
    chain.exported(chain.issue(), digest(1), digest(1), List.of());
    chain.issue(); // still in a queue when the process stops

    SignedCheckpoint last = only(chain.checkpoints("shutdown"));
    SignedCheckpoint empty = only(chain.checkpoints("shutdown"));

    assertThat(last.checkpoint().lastSeq()).isEqualTo(2);
    assertThat(last.checkpoint().count()).isEqualTo(1);
    assertThat(last.checkpoint().reason()).isEqualTo("shutdown");
    assertThat(empty.checkpoint().firstSeq()).isEqualTo(3);
    assertThat(empty.checkpoint().lastSeq()).isEqualTo(2);
  }

  @Test
  void aBusyStreamIsCoveredByCheckpointsOfBoundedSize() throws Exception {
    int spans = EvidenceChain.MAX_SPANS_PER_CHECKPOINT * 2 + 5;
    for (int i = 0; i < spans; i++) {
      chain.exported(chain.issue(), digest(i), digest(i), List.of());
    }

    List<SignedCheckpoint> checkpoints = chain.checkpoints("case_end");

    assertThat(checkpoints).hasSize(3);
    assertThat(checkpoints.get(0).checkpoint().count())
        .isEqualTo(EvidenceChain.MAX_SPANS_PER_CHECKPOINT);
    assertThat(checkpoints.get(2).checkpoint().lastSeq()).isEqualTo(spans);
    assertThat(checkpoints.get(2).checkpoint().reason()).isEqualTo("case_end");
  }

  @Test
  void whatTheBufferDroppedIsNamedOnTheNextCheckpointEvenWithNothingNewToCover() throws Exception {
    chain.exported(chain.issue(), digest(1), digest(1), List.of("case-a"));
    chain.exported(chain.issue(), digest(2), digest(2), List.of("case-a"));
    only(chain.checkpoints("case_end"));
    DroppedEvidence dropped = new DroppedEvidence();
    dropped.add("execute_tool", "5eed", 2L, null);
    dropped.add("chat", "5eed", 1L, null);
    dropped.add("custody.checkpoint", "5eed", null, 0L);
    dropped.add("invoke_agent", "0ld57ream", 40L, null);

    chain.dropped(dropped);
    Checkpoint naming = only(chain.checkpoints("interval")).checkpoint();
    chain.exported(chain.issue(), digest(3), digest(3), List.of());
    Checkpoint next = only(chain.checkpoints("interval")).checkpoint();

    assertThat(naming.lastSeq()).as("covers nothing new").isEqualTo(2);
    assertThat(naming.dropped())
        .isEqualTo(
            "{\"0ld57ream\":{\"spans\":\"40\"},\"5eed\":{\"checkpoints\":\"0\",\"spans\":\"1-2\"}}");
    assertThat(new String(naming.payload(), java.nio.charset.StandardCharsets.UTF_8))
        .as("signed")
        .contains("\"dropped\":\"{");
    assertThat(DroppedEvidence.parse(naming.dropped()).spans("5eed").contains(2)).isTrue();
    assertThat(next.dropped()).isEqualTo("{}");
  }

  private static SignedCheckpoint only(List<SignedCheckpoint> checkpoints) {
    assertThat(checkpoints).hasSize(1);
    return checkpoints.get(0);
  }

  private static byte[] digest(int n) {
    byte[] digest = new byte[CanonicalSpan.DIGEST_BYTES];
    Arrays.fill(digest, (byte) n);
    return digest;
  }

  private static List<byte[]> digests(String base64) {
    byte[] all = Base64.getDecoder().decode(base64);
    return java.util.stream.IntStream.range(0, all.length / CanonicalSpan.DIGEST_BYTES)
        .mapToObj(
            i ->
                Arrays.copyOfRange(
                    all, i * CanonicalSpan.DIGEST_BYTES, (i + 1) * CanonicalSpan.DIGEST_BYTES))
        .toList();
  }
}
