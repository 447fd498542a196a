package dev.custody.cli.verify;

import static dev.custody.cli.verify.EvidenceFile.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.BackendStub;
import dev.custody.cli.CliRun;
import dev.custody.core.json.JsonWriter;
import dev.custody.exporter.integrity.CheckpointKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case exported by the real pipeline, stored by Jaeger as its translation would, verified. */
class VerifyJaegerTest {

  @TempDir Path dir;
  private Path publicKey;
  private EvidenceFile exported;
  private Map<String, Object> answer;
  private BackendStub jaeger;

  @BeforeEach
  void exportACaseToJaeger() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    ExportedCase.export(file, CheckpointKey.fromPrivateKeyPem(ExportedCase.PRIVATE_KEY));
    publicKey = Files.writeString(dir.resolve("custody.pub"), ExportedCase.PUBLIC_KEY);
    exported = EvidenceFile.read(file);
    answer = JaegerAnswer.of(exported);
    jaeger = new BackendStub().answer("/api/services", "{\"data\":[\"orders-agent\"]}");
  }

  @AfterEach
  void stop() {
    jaeger.close();
  }

  @Test
  void anUntouchedAnswerIsIntact() throws Exception {
    assertThat(tag("GET /health", "span.kind")).isEqualTo("server");
    assertThat(tag("chat gpt-4o-mini", "gen_ai.request.stop_weights")).isEqualTo("[1,2]");
    assertThat(JaegerAnswer.span(answer, "GET /health").get("duration"))
        .isEqualTo(1L); // the canonical duration is 2

    CliRun result = verify();

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    assertThat(result.json().get("status")).isEqualTo("intact");
    assertThat(result.json().get("spans_checked")).isEqualTo(4L);
    assertThat(result.json().get("checkpoints_checked")).isEqualTo(2L);
  }

  @Test
  void aChangedAttributeValueIsAModifiedSpan() throws Exception {
    for (Object tag :
        EvidenceFile.list(JaegerAnswer.span(answer, "execute_tool refundOrder").get("tags"))) {
      if ("gen_ai.tool.call.arguments".equals(map(tag).get("key"))) {
        map(tag).put("value", "{\"order\":\"A-1\",\"amount\":2}");
      }
    }

    CliRun result = verify();

    assertThat(result.exit()).isOne();
    assertThat(result.json().get("status")).isEqualTo("tampered");
    assertThat(result.json().get("modified"))
        .isEqualTo(List.of(exported.span("execute_tool refundOrder").get("spanId")));
  }

  @Test
  void anUnreachableJaegerIsAnInputError() {
    jaeger.close();

    CliRun result = verify();

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("custody verify: cannot reach " + jaeger.url());
  }

  private CliRun verify() {
    jaeger.answer("/api/traces", new JsonWriter().decoded(answer, t -> t).toString());
    return CliRun.of(
        "verify", "--jaeger", jaeger.url(), "--public-key", publicKey.toString(), "--json");
  }

  private Object tag(String span, String key) {
    return EvidenceFile.list(JaegerAnswer.span(answer, span).get("tags")).stream()
        .map(EvidenceFile::map)
        .filter(tag -> key.equals(tag.get("key")))
        .findFirst()
        .orElseThrow()
        .get("value");
  }
}
