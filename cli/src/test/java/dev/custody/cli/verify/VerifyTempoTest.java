package dev.custody.cli.verify;

import static dev.custody.cli.verify.EvidenceFile.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.BackendStub;
import dev.custody.cli.CliRun;
import dev.custody.core.json.JsonWriter;
import dev.custody.exporter.integrity.CheckpointKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case exported by the real pipeline, stored by Tempo, verified through Tempo's API. */
class VerifyTempoTest {

  @TempDir Path dir;
  private Path publicKey;
  private EvidenceFile exported;
  private TempoAnswers answers;
  private BackendStub tempo;

  @BeforeEach
  void exportACaseToTempo() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    ExportedCase.export(file, CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY));
    publicKey = Files.writeString(dir.resolve("custody.pub"), ExportedCase.PUBLIC_KEY);
    exported = EvidenceFile.read(file);
    answers = new TempoAnswers(exported);
    tempo = new BackendStub();
  }

  @AfterEach
  void stop() {
    tempo.close();
  }

  @Test
  void anUntouchedAnswerIsIntact() throws Exception {
    CliRun result = verify();

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    assertThat(result.json().get("status")).isEqualTo("intact");
    assertThat(result.json().get("spans_checked")).isEqualTo(4L);
    assertThat(result.json().get("checkpoints_checked")).isEqualTo(2L);
    assertThat(URLDecoder.decode(tempo.requests.get(0).getRawQuery(), StandardCharsets.UTF_8))
        .contains("resource.service.name = \"orders-agent\"");
  }

  @Test
  void aChangedAttributeValueIsAModifiedSpan() throws Exception {
    for (Object attribute : answers.attributes("execute_tool refundOrder")) {
      if ("gen_ai.tool.call.arguments".equals(map(attribute).get("key"))) {
        map(attribute).put("value", Map.of("stringValue", "{\"order\":\"A-1\",\"amount\":2}"));
      }
    }

    CliRun result = verify();

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("tampered");
    assertThat(result.json().get("modified"))
        .isEqualTo(List.of(exported.span("execute_tool refundOrder").get("spanId")));
  }

  @Test
  void anUnreachableTempoIsAnInputError() {
    tempo.close();

    CliRun result = verify();

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("custody verify: cannot reach " + tempo.url());
  }

  private CliRun verify() {
    tempo.answer("/api/search", json(answers.search()));
    answers.traces.forEach((id, trace) -> tempo.answer("/api/traces/" + id, json(trace)));
    return CliRun.of(
        "verify",
        "--tempo",
        tempo.url(),
        "--service",
        "orders-agent",
        "--public-key",
        publicKey.toString(),
        "--json");
  }

  private static String json(Object value) {
    return new JsonWriter().decoded(value, t -> t).toString();
  }
}
