package dev.custody.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import dev.custody.cli.CustodyCli;
import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.DroppedEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case exported by the real pipeline to {@code custody-file}, then tampered with as an attacker
 * with write access to the file would, and verified as an auditor would.
 */
class VerifyCommandTest {

  @TempDir Path dir;
  private Path exported;
  private Path publicKey;

  @BeforeEach
  void exportACase() throws Exception {
    exported = dir.resolve("traces.jsonl");
    publicKey = Files.writeString(dir.resolve("custody.pub"), ExportedCase.PUBLIC_KEY);
    ExportedCase.export(exported, CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY));
  }

  @Test
  void anUntouchedExportIsIntactAndSignedByTheGivenKey() throws Exception {
    CliRun result = verify(exported, "--public-key", publicKey.toString(), "--json");

    assertThat(result.exit()).as(result.out()).isZero();
    assertThat(result.json().get("status")).isEqualTo("intact");
    assertThat(result.json().get("spans_checked")).isEqualTo(4L);
    assertThat(result.json().get("checkpoints_checked")).isEqualTo(2L);
    assertThat(result.json().get("keys").toString()).contains("matches_given_key=true");
    assertThat(verify(exported).out()).startsWith("INTACT: 4 spans and 2 checkpoints checked");
  }

  @Test
  void aChangedAttributeValueIsAModifiedSpan() throws Exception {
    EvidenceFile file = EvidenceFile.read(exported);
    EvidenceFile.setAttribute(
        file.span("execute_tool refundOrder"),
        "gen_ai.tool.call.arguments",
        Map.of("stringValue", "{\"order\":\"A-1\",\"amount\":2}"));

    CliRun result = verify(file.write(exported), "--json");

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("tampered");
    assertThat(result.json().get("modified"))
        .isEqualTo(List.of(file.span("execute_tool refundOrder").get("spanId")));
    assertThat(verify(exported).out())
        .contains("modified: execute_tool refundOrder (span ")
        .contains("case 6f1c0e9ad2b84d0f9a51c3e27b8d4410");
  }

  @Test
  void aChangedNameTimeParentOrTraceIsAModifiedSpan() throws Exception {
    Map<String, java.util.function.Consumer<Map<String, Object>>> edits =
        Map.of(
            "name", span -> span.put("name", "execute_tool listOrders"),
            "start", span -> span.put("startTimeUnixNano", "1000000000000000000"),
            "parent", span -> span.put("parentSpanId", "00f067aa0ba902b7"),
            "trace", span -> span.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
    for (var edit : edits.entrySet()) {
      EvidenceFile file = EvidenceFile.read(exported);
      Map<String, Object> tool = file.span("execute_tool refundOrder");
      Object spanId = tool.get("spanId");
      edit.getValue().accept(tool);

      CliRun result = verify(file.write(dir.resolve(edit.getKey() + ".jsonl")), "--json");

      assertThat(result.json().get("modified")).as(edit.getKey()).isEqualTo(List.of(spanId));
      assertThat(result.exit()).isOne();
    }
  }

  @Test
  void aDeletedSpanIsMissingByItsSequenceNumber() throws Exception {
    EvidenceFile file = EvidenceFile.read(exported);
    file.remove(span -> "chat gpt-4o-mini".equals(span.get("name")));

    CliRun result = verify(file.write(exported), "--json");

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("incomplete");
    assertThat(result.json().get("missing").toString()).endsWith(":1]");
  }

  @Test
  void oneCaseIsVerifiedOnItsOwnAndASpanDeletedFromItIsTheCasesMissingNumber() throws Exception {
    String caseId = "6f1c0e9ad2b84d0f9a51c3e27b8d4410";
    EvidenceFile file = EvidenceFile.read(exported);
    file.remove(span -> "GET /health".equals(span.get("name")));
    Path withoutHealthCheck = file.write(dir.resolve("without-health.jsonl"));
    file.remove(span -> "chat gpt-4o-mini".equals(span.get("name")));
    Path withoutModelTurn = file.write(dir.resolve("without-turn.jsonl"));

    CliRun otherSpanGone = verify(withoutHealthCheck, "--case", caseId, "--json");
    CliRun caseSpanGone = verify(withoutModelTurn, "--case", caseId, "--json");
    CliRun unknownCase = verify(exported, "--case", "no-such-case");

    assertThat(verify(withoutHealthCheck, "--json").json().get("status")).isEqualTo("incomplete");
    assertThat(otherSpanGone.exit()).as(otherSpanGone.out()).isZero();
    assertThat(otherSpanGone.json().get("case")).isEqualTo(caseId);
    assertThat(otherSpanGone.json().get("spans_checked")).isEqualTo(3L);
    assertThat(caseSpanGone.exit()).as(caseSpanGone.out()).isOne();
    assertThat(caseSpanGone.json().get("missing").toString()).endsWith(":1]");
    assertThat(unknownCase.exit()).isOne();
    assertThat(unknownCase.out())
        .startsWith("INCOMPLETE")
        .contains("no span carries case no-such-case and no checkpoint names it");
  }

  @Test
  void aSpanTheBufferDroppedIsReportedAsDroppedNotDeleted() throws Exception {
    Path dropping = dir.resolve("dropping.jsonl");
    String stream =
        ExportedCase.export(
            dropping,
            CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY),
            // The model turn ends first: number 1 of the stream.
            streamId -> modelTurnOf(streamId));
    EvidenceFile file = EvidenceFile.read(dropping);
    file.remove(span -> "chat gpt-4o-mini".equals(span.get("name")));

    CliRun result = verify(file.write(dropping), "--json");
    CliRun text = verify(dropping, "--case", "6f1c0e9ad2b84d0f9a51c3e27b8d4410");

    assertThat(result.json().get("status")).isEqualTo("incomplete");
    assertThat(result.json().get("missing").toString()).isEqualTo("[]");
    assertThat(result.json().get("dropped_by_buffer").toString())
        .contains("spans=1", stream.substring(0, 8) + ":1");
    assertThat(text.out())
        .startsWith("INCOMPLETE")
        .contains("dropped by the buffer: 1 spans (sequence " + stream.substring(0, 8) + ":1)");
  }

  @Test
  void anotherKeysCheckpointCannotExcuseADeletedSpan() throws Exception {
    String stream =
        ExportedCase.export(exported, CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY));
    Path forger = dir.resolve("forger.jsonl");
    ExportedCase.export(forger, CheckpointKey.generate(), forgersStream -> modelTurnOf(stream));
    EvidenceFile file = EvidenceFile.read(exported);
    file.remove(span -> "chat gpt-4o-mini".equals(span.get("name")));
    Path both = file.write(dir.resolve("both.jsonl"));
    Files.write(both, Files.readAllLines(forger), java.nio.file.StandardOpenOption.APPEND);

    CliRun result = verify(both, "--json");

    assertThat(result.json().get("missing").toString()).contains(stream.substring(0, 8) + ":1");
    assertThat(result.json().get("dropped_by_buffer").toString()).contains("spans=0");
  }

  private static DroppedEvidence modelTurnOf(String stream) {
    DroppedEvidence modelTurn = new DroppedEvidence();
    modelTurn.add("chat gpt-4o-mini", stream, 1L, null);
    return modelTurn;
  }

  @Test
  void aDeletedCheckpointBreaksTheChain() throws Exception {
    EvidenceFile file = EvidenceFile.read(exported);
    file.remove(span -> "custody.checkpoint".equals(span.get("name")) && reason(span, "case_end"));

    CliRun result = verify(file.write(exported), "--json");

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("tampered");
    assertThat(result.json().get("problems").toString()).contains("checkpoint 0 is missing");
  }

  @Test
  void aForgedSpanOrAForgedCopyIsUnexpected() throws Exception {
    EvidenceFile file = EvidenceFile.read(exported);
    file.addCopy(
        "GET /health",
        span -> {
          span.put("spanId", "0000000000000bad");
          span.put("name", "GET /admin");
          EvidenceFile.setAttribute(span, "custody.integrity.seq", Map.of("intValue", "99"));
        });
    file.addCopy("chat gpt-4o-mini", span -> span.put("name", "chat gpt-4o"));

    CliRun result = verify(file.write(exported), "--json");

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("tampered");
    assertThat(EvidenceFile.list(result.json().get("unexpected")))
        .hasSize(2)
        .contains("0000000000000bad");
  }

  @Test
  void aTruncatedTailIsUnverifiedNotIntact() throws Exception {
    EvidenceFile file = EvidenceFile.read(exported);
    file.remove(span -> "custody.checkpoint".equals(span.get("name")) && reason(span, "shutdown"));

    CliRun result = verify(file.write(exported), "--json");

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("incomplete");
    assertThat(result.json().get("unverified"))
        .isEqualTo(List.of(file.span("GET /health").get("spanId")));
  }

  @Test
  void checkpointsSignedWithAnotherKeyAreForged() throws Exception {
    Path other = dir.resolve("other.jsonl");
    ExportedCase.export(other, CheckpointKey.generate());

    CliRun result = verify(other, "--public-key", publicKey.toString(), "--json");

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("tampered");
    assertThat(result.json().get("problems").toString()).contains("signed by another key");
  }

  @Test
  void outOfOrderDuplicatedAndRestartedExportsAreNoFalseAlarm() throws Exception {
    ExportedCase.export(
        exported,
        CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY)); // a restart: a new stream
    List<String> lines = new ArrayList<>(Files.readAllLines(exported));
    lines.add(lines.get(1)); // a retry
    Collections.reverse(lines);
    Files.write(exported, lines);

    CliRun result = verify(exported, "--public-key", publicKey.toString(), "--json");

    assertThat(result.exit()).as(result.out()).isZero();
    assertThat(result.json().get("spans_checked")).isEqualTo(9L);
  }

  @Test
  void aMissingFileOrAnUnknownOptionIsAUsageError() throws Exception {
    assertThat(verify(dir.resolve("absent.jsonl")).exit()).isEqualTo(2);
    assertThat(CustodyCli.run("verify", "--file", exported.toString(), "--bogus")).isEqualTo(2);
    Files.writeString(exported, "{not json\n");
    CliRun garbage = verify(exported);
    assertThat(garbage.exit()).isEqualTo(2);
    assertThat(garbage.err()).contains("line 1 is no OTLP JSON");
  }

  private static boolean reason(Map<String, Object> span, String reason) {
    return EvidenceFile.list(span.get("attributes")).stream()
        .map(EvidenceFile::map)
        .anyMatch(
            a ->
                "custody.checkpoint.reason".equals(a.get("key"))
                    && reason.equals(EvidenceFile.map(a.get("value")).get("stringValue")));
  }

  private static CliRun verify(Path file, String... options) {
    List<String> args = new ArrayList<>(List.of("verify", "--file", file.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }
}
