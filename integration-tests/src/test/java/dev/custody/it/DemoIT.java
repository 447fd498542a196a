package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.it.harness.CustodyTool;
import dev.custody.it.harness.DemoService;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, as the README runs it: the packaged service jar with the agent in its pod, traces to a
 * local file and the console; the whole story in one case (a workload identity, a policy decision,
 * a credential with its expiry, the call that used it, its revocation); then the file as an auditor
 * checks it with {@code custody-cli verify}.
 */
class DemoIT {

  @Test
  void demoWritesOtlpJsonLinesAndPrintsTheCaseTimeline(@TempDir Path dir) throws Exception {
    Path traces = dir.resolve("custody-traces.jsonl");
    ForkedApp.Result result;
    try (OtlpReceiver unused = new OtlpReceiver()) {
      result =
          DemoService.inPod(unused, dir)
              .property("otel.traces.exporter", "custody-file")
              .property("custody.file.path", traces.toString())
              .property("custody.console", "true")
              .runJar(DemoService.jar());
    }
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("Agent answer: Booked: the train to Lisbon on 14 June");
    assertThat(result.stderr())
        .contains("[custody] case ", "invoke_agent TravelAssistant", "password=[R")
        .doesNotContain("lisbon-2026!");

    List<JsonNode> spans = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(traces)) {
      for (JsonNode resourceSpans : json.readTree(line).get("resourceSpans")) {
        for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
          scopeSpans.get("spans").forEach(spans::add);
        }
      }
    }
    assertThat(spans)
        .isNotEmpty()
        .allSatisfy(
            span -> {
              assertThat(span.get("traceId").asText()).matches("[0-9a-f]{32}");
              assertThat(span.get("spanId").asText()).matches("[0-9a-f]{16}");
            });
    assertThat(spans)
        .filteredOn(span -> span.get("name").asText().equals("invoke_agent TravelAssistant"))
        .singleElement()
        .satisfies(
            root ->
                assertThat(root.toString())
                    .contains("custody.case.id", "password=[REDACTED:password]"));
    assertThat(Files.readString(traces))
        .doesNotContain("lisbon-2026!")
        .as("the pod's service-account token, its Vault login")
        .doesNotContain(Files.readString(dir.resolve("token")).strip());
    theWholeStoryIsOneCompleteCase(spans);

    // The auditor's check: the file is intact, signed by the key the process logged at start-up.
    CustodyTool intact = CustodyTool.verify("--file", traces.toString());
    assertThat(intact.exit()).as(intact.report().toString()).isZero();
    assertThat(intact.report().get("status").asText()).isEqualTo("intact");
    assertThat(intact.report().get("spans_checked").asInt())
        .isEqualTo(spans.size() - checkpoints(spans));
    JsonNode key = intact.report().get("keys").get(0);
    assertThat(key.get("self_signed").asBoolean()).isTrue();
    assertThat(result.stderr())
        .contains("Custody signs this process's evidence", "key id " + key.get("id").asText());

    // One case on its own: intact; a tool call deleted from it is the case's missing number.
    String caseId =
        attribute(
            spans.stream()
                .filter(span -> span.get("name").asText().equals("invoke_agent TravelAssistant"))
                .findFirst()
                .orElseThrow(),
            "custody.case.id");
    assertThat(CustodyTool.verify("--file", traces.toString(), "--case", caseId).status())
        .isEqualTo("intact");
    Path withoutToolCall =
        without(traces, dir.resolve("deleted.jsonl"), "execute_tool", "custody.checkpoint");
    CustodyTool deleted =
        CustodyTool.verify("--file", withoutToolCall.toString(), "--case", caseId);
    assertThat(deleted.exit()).isOne();
    assertThat(deleted.status()).isEqualTo("incomplete");
    assertThat(deleted.report().get("missing")).isNotEmpty();
    CustodyTool noCheckpoint =
        CustodyTool.verify(
            "--file",
            without(traces, dir.resolve("no-checkpoint.jsonl"), "custody.checkpoint", "")
                .toString());
    assertThat(noCheckpoint.status()).isEqualTo("tampered");
    assertThat(noCheckpoint.report().get("problems").toString()).contains("is missing");

    Files.writeString(
        traces,
        Files.readString(traces)
            .replace("\"invoke_agent TravelAssistant\"", "\"invoke_agent TravelAgent\""));
    CustodyTool altered = CustodyTool.verify("--file", traces.toString());
    assertThat(altered.exit()).isOne();
    assertThat(altered.report().get("status").asText()).isEqualTo("tampered");
    assertThat(altered.report().get("modified")).hasSize(1);
  }

  private static void theWholeStoryIsOneCompleteCase(List<JsonNode> spans) {
    JsonNode root = named(spans, "invoke_agent TravelAssistant");
    assertThat(value(root, "custody.record.complete")).isEqualTo("true");
    assertThat(value(root, "custody.workload.id")).isEqualTo(DemoService.WORKLOAD);
    assertThat(value(root, "custody.policy.allowed_count")).isEqualTo("1");
    assertThat(value(root, "custody.credentials.outstanding")).isEqualTo("0");
    assertThat(value(root, "custody.authority.ended_by")).isEqualTo("revoked");
    assertThat(value(root, "custody.findings.count"))
        .as("both model turns carried the prompt's password, scrubbed")
        .isEqualTo("2");
    assertThat(root.toString()).contains("\"secret-exposed-to-model\"");

    JsonNode decision = named(spans, "policy_decision opa travel/booking/allow");
    assertThat(value(decision, "custody.policy.decision")).isEqualTo("allow");
    JsonNode lease = named(spans, "fetch vault database/creds/bookings");
    assertThat(value(lease, "custody.credential.kind")).isEqualTo("lease");
    assertThat(value(lease, "custody.credential.ttl_s")).isEqualTo("900");
    assertThat(value(lease, "custody.credential.expires_at")).isNotEmpty();
    String leaseId = value(lease, "custody.credential.id");
    assertThat(named(spans, "fetch vault auth/kubernetes/login")).isNotNull();
    assertThat(spans)
        .as("the booking, made with the lease")
        .filteredOn(span -> value(span, "url.full").endsWith("/bookings"))
        .singleElement()
        .satisfies(
            booking -> assertThat(value(booking, "custody.credential.used")).isEqualTo(leaseId));
    JsonNode revocation = named(spans, "revoke vault lease");
    assertThat(value(revocation, "custody.credential.id")).isEqualTo(leaseId);
    assertThat(value(revocation, "custody.case.id")).isEqualTo(value(root, "custody.case.id"));
    assertThat(named(spans, "revoke vault token")).isNotNull();
  }

  private static JsonNode named(List<JsonNode> spans, String name) {
    return spans.stream()
        .filter(span -> span.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span named " + name));
  }

  /** The attribute's value as text, whatever its type; empty when the span has none. */
  private static String value(JsonNode span, String key) {
    for (JsonNode attribute : span.path("attributes")) {
      if (attribute.get("key").asText().equals(key)) {
        return attribute.get("value").elements().next().asText();
      }
    }
    return "";
  }

  /**
   * The file without the first span whose name starts with {@code name} (and is not {@code but}).
   */
  private static Path without(Path traces, Path to, String name, String but) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    boolean removed = false;
    for (String line : Files.readAllLines(traces)) {
      JsonNode request = json.readTree(line);
      for (JsonNode resourceSpans : request.get("resourceSpans")) {
        for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
          for (var spans = scopeSpans.get("spans").elements(); spans.hasNext() && !removed; ) {
            String spanName = spans.next().get("name").asText();
            if (spanName.startsWith(name) && (but.isEmpty() || !spanName.startsWith(but))) {
              spans.remove();
              removed = true;
            }
          }
        }
      }
      lines.add(json.writeValueAsString(request));
    }
    assertThat(removed).as("a span named %s...", name).isTrue();
    return Files.write(to, lines);
  }

  private static String attribute(JsonNode span, String key) {
    for (JsonNode attribute : span.get("attributes")) {
      if (attribute.get("key").asText().equals(key)) {
        return attribute.get("value").get("stringValue").asText();
      }
    }
    throw new AssertionError("no " + key + " on " + span);
  }

  private static long checkpoints(List<JsonNode> spans) {
    return spans.stream().filter(s -> s.get("name").asText().equals("custody.checkpoint")).count();
  }
}
