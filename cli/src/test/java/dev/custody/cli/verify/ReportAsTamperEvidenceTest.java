package dev.custody.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.findings.TamperEvidence;
import dev.custody.cli.source.OtlpJsonLines;
import dev.custody.exporter.integrity.CheckpointKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verified case hands the finding rules what it found: the spans changed, the numbers lost. */
class ReportAsTamperEvidenceTest {

  private static final String CASE_ID = "6f1c0e9ad2b84d0f9a51c3e27b8d4410";

  @TempDir Path dir;

  @Test
  void aChangedToolCallAndADeletedModelTurn() throws Exception {
    Path exported = dir.resolve("traces.jsonl");
    ExportedCase.export(exported, CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY));
    EvidenceFile file = EvidenceFile.read(exported);
    Map<String, Object> refund = file.span("execute_tool refundOrder");
    EvidenceFile.setAttribute(
        refund, "gen_ai.tool.call.arguments", Map.of("stringValue", "{\"amount\":2000}"));
    file.remove(span -> "chat gpt-4o-mini".equals(span.get("name")));

    EvidenceCheck check = new EvidenceCheck(null, CASE_ID);
    OtlpJsonLines.read(file.write(exported), check::add);
    TamperEvidence evidence = check.report().tamperEvidence();

    assertThat(evidence.modified()).isEqualTo(List.of(refund.get("spanId")));
    assertThat(evidence.forged()).isEmpty();
    assertThat(evidence.missing()).singleElement().asString().endsWith(":1");
  }

  @Test
  void anUntouchedCaseHoldsNothing() throws Exception {
    Path exported = dir.resolve("traces.jsonl");
    ExportedCase.export(exported, CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY));

    EvidenceCheck check = new EvidenceCheck(null, CASE_ID);
    OtlpJsonLines.read(exported, check::add);

    assertThat(check.report().tamperEvidence()).isEqualTo(TamperEvidence.NONE);
  }
}
