package dev.custody.it;

import static dev.custody.it.harness.CaseFindings.caseIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.it.harness.CanaryDesk;
import dev.custody.it.harness.CaseFindings;
import dev.custody.it.harness.CustodyTool;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.ReceivedSpan;
import dev.custody.it.harness.Spans;
import dev.custody.testing.Json;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Canary secrets, fresh each run, go everywhere an agent service puts secrets ({@link CanaryDesk}):
 * prompts, tool arguments and results, model messages, an exception, URL queries, captured headers,
 * the application's own span event and attribute, Logback and JUL log records, and so metric
 * exemplars; the fetched key in five encodings, a key the user types before the agent fetches it, a
 * key of no known vendor. The default exporters are on (traces, metrics and logs over OTLP) and
 * spans are also written to a file. Whatever the content mode, no byte Custody exports or writes
 * holds any canary. The inventory key, fetched once at start-up, is presented by both tasks: the
 * second's root finds it shared with the first, custody-cli both.
 */
class CanarySecretIT {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"off", "hash", "redacted", "full"})
  void noCanaryInAnyEncodingLeavesOnAnySignal(String mode) throws Exception {
    Path spansFile = dir.resolve("traces.jsonl");
    try (CanaryDesk desk = new CanaryDesk()) {
      ForkedApp app = desk.app(mode, spansFile);
      if (mode.equals("full")) {
        app.property("java.util.logging.manager", "org.jboss.logmanager.LogManager");
      }
      ForkedApp.Result run = desk.run(app);
      Spans spans =
          desk.receiver.awaitSpans(received -> received.named("invoke_agent").size() == 2);

      assertTheCanariesWentThroughTheApp(desk);
      assertThat(desk.receiver.checkpoints())
          .as("checkpoints signed with the configured key")
          .isNotEmpty()
          .allSatisfy(
              checkpoint ->
                  assertThat(checkpoint.attr("custody.checkpoint.key_source"))
                      .isEqualTo("configured"));
      assertEverySignalWasExported(desk);
      assertTheFleetMetricsCountedBothCases(desk, mode);
      assertEveryLogLineNamesItsCase(run, desk, spans);
      if (mode.equals("full")) {
        assertJbossLogManagerLinesNameTheirCase(run, spans);
      }
      String file = Files.readString(spansFile, StandardCharsets.UTF_8);
      desk.everyCanary()
          .forEach(
              (canary, value) -> {
                assertThat(desk.receiver.rawBytesContain(value))
                    .as(
                        () ->
                            "OTLP bytes hold the "
                                + canary
                                + ": "
                                + desk.receiver.whereRawBytesContain(value))
                    .isFalse();
                assertThat(file)
                    .as("the spans file holds the %s", canary)
                    .doesNotContain(value, jsonEscaped(value));
                if (canary.startsWith("integrity")) { // the app logs the others itself
                  assertThat(run.stdout() + run.stderr())
                      .as("the app's output holds the %s", canary)
                      .doesNotContain(value);
                }
              });

      List<ReceivedSpan> stagingFetches =
          spans.where(
              span -> "secret/inventory-staging".equals(span.attr("custody.credential.id")));
      assertThat(stagingFetches)
          .as("the staging key, typed into the first task, then fetched in both")
          .hasSize(2)
          .filteredOn(fetch -> "true".equals(fetch.attr("custody.secret.exposed")))
          .singleElement()
          .satisfies(
              fetch -> {
                assertThat(fetch.attrList("custody.secret.exposed_in")).contains("prompt");
                assertThat(rootOf(spans, fetch).attr("custody.secret.exposed")).isEqualTo("true");
                assertThat(rootOf(spans, fetch).spanId())
                    .isNotEqualTo(rootOfSecondTask(spans).spanId());
                assertTheRootFoundTheSecretExposed(rootOf(spans, fetch), fetch);
              });
      if (!modelInputCaptured(mode)) {
        assertThat(rootOfSecondTask(spans).attrList("custody.findings"))
            .as("the second task fetched the key but sent no secret to a model that was captured")
            .doesNotContain("secret-exposed-to-model");
      }
      assertIntentCapturedAsModeSays(rootOfSecondTask(spans), mode);
      assertBothCasesShareTheStartUpKey(spans, spansFile);
    }
  }

  /**
   * The inventory key both tasks present: live, the second case's root says the first presented it
   * too; custody-cli, reading both cases from the spans file, says so of each.
   */
  private static void assertBothCasesShareTheStartUpKey(Spans spans, Path spansFile)
      throws IOException {
    ReceivedSpan second = rootOfSecondTask(spans);
    ReceivedSpan first =
        spans.named("invoke_agent").stream()
            .filter(root -> !root.spanId().equals(second.spanId()))
            .findFirst()
            .orElseThrow();
    String rule = "credential-shared-across-cases";
    assertThat(first.attrList("custody.findings"))
        .as("the first case ended before another presented the key")
        .doesNotContain(rule);
    assertThat(second.events("custody.finding"))
        .filteredOn(event -> event.get("custody.finding.rule").equals(rule))
        .filteredOn(event -> event.get("custody.finding.summary").startsWith("secret/inventory,"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event)
                  .containsEntry("custody.finding.severity", "medium")
                  .containsEntry(
                      "custody.finding.span_id", inventoryCallOf(spans, second).spanId());
              assertThat(event.get("custody.finding.summary"))
                  .isEqualTo(
                      "secret/inventory, presented here by 'GET', is used by 2 cases: also "
                          + first.attr("custody.case.id"));
            });

    JsonNode found =
        CustodyTool.run("findings", "--file", spansFile.toString()).report().get("cases");
    for (ReceivedSpan root : List.of(first, second)) {
      ReceivedSpan other = root == first ? second : first;
      JsonNode theCase = caseIn(found, root.attr("custody.case.id"));
      List<JsonNode> shared = new ArrayList<>();
      theCase
          .get("findings")
          .forEach(
              finding -> {
                if (finding.get("rule").asText().equals(rule)
                    && finding.get("summary").asText().startsWith("secret/inventory,")) {
                  shared.add(finding);
                }
              });
      assertThat(shared)
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.get("severity").asText()).isEqualTo("medium");
                assertThat(finding.get("span_id").asText())
                    .isEqualTo(inventoryCallOf(spans, root).spanId());
                assertThat(finding.get("summary").asText())
                    .endsWith("is used by 2 cases: also " + other.attr("custody.case.id"));
                assertThat(finding.get("maps_to").toString()).isEqualTo("[\"ASI03\",\"GOVERN\"]");
              });
    }
    CaseFindings.assertRootCarries(second, caseIn(found, second.attr("custody.case.id")));
  }

  /** The call to the inventory backend in the case of {@code root}. */
  private static ReceivedSpan inventoryCallOf(Spans spans, ReceivedSpan root) {
    List<ReceivedSpan> calls =
        spans.where(
            span ->
                span.traceId().equals(root.traceId())
                    && "secret/inventory".equals(span.attr("custody.credential.used")));
    assertThat(calls).as("calls presenting the inventory key in %s", root).hasSize(1);
    return calls.get(0);
  }

  /** Live, on the root: a finding on the fetch that found the key already sent to the model. */
  private static void assertTheRootFoundTheSecretExposed(ReceivedSpan root, ReceivedSpan fetch) {
    assertThat(root.attrList("custody.findings"))
        .contains("secret-exposed-to-model", "unknown-workload-identity", "record-incomplete");
    assertThat(root.events("custody.finding"))
        .filteredOn(event -> event.get("custody.finding.rule").equals("secret-exposed-to-model"))
        .filteredOn(event -> event.get("custody.finding.span_id").equals(fetch.spanId()))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event).containsEntry("custody.finding.severity", "high");
              assertThat(event.get("custody.finding.summary"))
                  .startsWith("'" + fetch.name() + "' fetched a value (secret/inventory-staging)")
                  .endsWith("the case had already sent to a model or tool (in prompt,messages)");
            });
  }

  private static void assertTheCanariesWentThroughTheApp(CanaryDesk desk) {
    assertThat(desk.model.requests())
        .anySatisfy(
            request -> assertThat(request.authorization()).isEqualTo("Bearer " + desk.modelKey))
        .anySatisfy(
            request ->
                assertThat(request.path())
                    .startsWith("/inventory?key=" + desk.apiKeyForms.get("URL-encoded")))
        .anySatisfy(request -> assertThat(request.body()).contains(desk.stagingKey))
        .anySatisfy(
            request ->
                assertThat(request.body()).as("a tool result").contains(jsonEscaped(desk.note)))
        .anySatisfy(
            request -> assertThat(request.body()).contains(desk.unknownVendorKey, desk.jwt));
  }

  private static void assertEverySignalWasExported(CanaryDesk desk) {
    assertThat(exemplarsOf(desk.receiver.metrics(), "http.client.request.duration"))
        .as("the backend call's duration carries exemplars with the call's attributes")
        .anySatisfy(
            exemplar ->
                assertThat(keysOf(exemplar.getFilteredAttributesList())).contains("url.full"));
    assertThat(logBodies(desk.receiver.logs()))
        .as("Logback and JUL records")
        .anySatisfy(body -> assertThat(body).startsWith("inventory checked: plain="))
        .anySatisfy(body -> assertThat(body).startsWith("inventory audit note: plain="))
        .anySatisfy(body -> assertThat(body).isEqualTo("inventory audit failed"));
  }

  /**
   * The fleet metrics count both cases, their tool calls and fetches, by low-cardinality attributes
   * only: never a case id.
   */
  private static void assertTheFleetMetricsCountedBothCases(CanaryDesk desk, String mode) {
    List<ExportMetricsServiceRequest> exports = desk.receiver.metrics();
    assertThat(sums(exports, "custody.cases"))
        .containsExactly(
            Map.entry(
                Map.of(
                    "gen_ai.agent.name", "InventoryAssistant",
                    "custody.workload.id", "unknown",
                    "custody.record.complete", "false",
                    "custody.policy.denied", "false"),
                2L));
    assertThat(sums(exports, "custody.tool.calls"))
        .containsKeys(
            Map.of("gen_ai.tool.name", "checkInventory", "custody.tool.outcome", "ok"),
            Map.of("gen_ai.tool.name", "auditInventory", "custody.tool.outcome", "error"));
    assertThat(sums(exports, "custody.credentials.issued"))
        .containsKey(
            Map.of("custody.credential.provider", "vault", "custody.credential.kind", "secret"));
    assertThat(sums(exports, "custody.credentials.outstanding_at_case_end"))
        .containsOnlyKeys(
            Map.of(
                "gen_ai.agent.name", "InventoryAssistant",
                "custody.workload.id", "unknown",
                "custody.credential.provider", "vault",
                "custody.credential.kind", "secret"));
    assertThat(sums(exports, "custody.findings"))
        .as("cases by the rules of their findings")
        .containsEntry(
            Map.of(
                "custody.finding.rule", "secret-exposed-to-model",
                "gen_ai.agent.name", "InventoryAssistant",
                "custody.workload.id", "unknown"),
            modelInputCaptured(mode) ? 2L : 1L)
        .containsEntry(
            Map.of(
                "custody.finding.rule", "unknown-workload-identity",
                "gen_ai.agent.name", "InventoryAssistant",
                "custody.workload.id", "unknown"),
            2L);
  }

  /** Each point of the counter {@code metric}, by its attributes: the latest cumulative sum. */
  private static Map<Map<String, String>, Long> sums(
      List<ExportMetricsServiceRequest> exports, String metric) {
    Map<Map<String, String>, Long> sums = new HashMap<>();
    exports.stream()
        .flatMap(export -> export.getResourceMetricsList().stream())
        .flatMap(resource -> resource.getScopeMetricsList().stream())
        .flatMap(scope -> scope.getMetricsList().stream())
        .filter(received -> received.getName().equals(metric))
        .flatMap(received -> received.getSum().getDataPointsList().stream())
        .forEach(
            point ->
                sums.merge(
                    point.getAttributesList().stream()
                        .collect(
                            Collectors.toMap(
                                KeyValue::getKey, attribute -> text(attribute.getValue()))),
                    point.getAsInt(),
                    Math::max));
    return sums;
  }

  private static String text(AnyValue value) {
    return value.hasBoolValue() ? String.valueOf(value.getBoolValue()) : value.getStringValue();
  }

  /** Logback's MDC and the exported records name the case a line was logged in; none outside. */
  private static void assertEveryLogLineNamesItsCase(
      ForkedApp.Result run, CanaryDesk desk, Spans spans) {
    List<String> cases =
        spans.named("invoke_agent").stream().map(root -> root.attr("custody.case.id")).toList();
    List<LogRecord> records =
        desk.receiver.logs().stream()
            .flatMap(export -> export.getResourceLogsList().stream())
            .flatMap(resource -> resource.getScopeLogsList().stream())
            .flatMap(scope -> scope.getLogRecordsList().stream())
            .toList();
    assertThat(records)
        .filteredOn(r -> r.getBody().getStringValue().equals("desk ready"))
        .singleElement()
        .satisfies(
            r -> assertThat(keysOf(r.getAttributesList())).doesNotContain("custody.case.id"));
    assertThat(records)
        .filteredOn(r -> r.getBody().getStringValue().startsWith("inventory "))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(
                        r.getAttributesList().stream()
                            .filter(a -> a.getKey().equals("custody.case.id"))
                            .map(a -> a.getValue().getStringValue())
                            .toList())
                    .singleElement()
                    .isIn(cases));
    assertThat(run.stdout() + run.stderr())
        .containsPattern("CanaryDeskApp case= - desk ready")
        .containsPattern("desk log4j case= trace= - desk ready \\(log4j\\)")
        .containsPattern(
            "inventory.count log4j case=("
                + String.join("|", cases)
                + ") trace=[0-9a-f]{32} - inventory counted")
        .containsPattern(
            "InventoryTools case=(" + String.join("|", cases) + ") - inventory checked");
  }

  /** With JBoss LogManager as JUL's manager, its pattern's {@code %X} names the case too. */
  private static void assertJbossLogManagerLinesNameTheirCase(ForkedApp.Result run, Spans spans) {
    List<String> cases =
        spans.named("invoke_agent").stream().map(root -> root.attr("custody.case.id")).toList();
    assertThat(run.stdout())
        .containsPattern("(?m)^desk jboss case= - desk ready \\(jul\\)$")
        .containsPattern(
            "inventory.audit jboss case=("
                + String.join("|", cases)
                + ") - inventory audit note: ");
  }

  private static void assertIntentCapturedAsModeSays(ReceivedSpan root, String mode) {
    switch (mode) {
      case "off" ->
          assertThat(root.has("custody.intent.prompt") || root.has("custody.intent.prompt.hash"))
              .isFalse();
      case "hash" -> {
        assertThat(root.has("custody.intent.prompt")).isFalse();
        assertThat(root.attr("custody.intent.prompt.hash")).matches("sha256:[0-9a-f]{64}");
      }
      default ->
          assertThat(root.attr("custody.intent.prompt"))
              .startsWith(
                  "Check the stock again for plain=[REDACTED:credential] JSON-escaped=[REDACTED:credential]")
              .contains(
                  "The warehouse key is [REDACTED:secret]", "my password=[REDACTED:password]",
                  "Bearer [REDACTED:jwt]", "aws_secret_access_key=[REDACTED:");
    }
  }

  /**
   * Whether the model's input is captured, where the scrubber marks the canaries both tasks send
   * it.
   */
  private static boolean modelInputCaptured(String mode) {
    return mode.equals("redacted") || mode.equals("full");
  }

  private static ReceivedSpan rootOf(Spans spans, ReceivedSpan span) {
    return spans.named("invoke_agent").stream()
        .filter(root -> root.traceId().equals(span.traceId()))
        .findFirst()
        .orElseThrow();
  }

  private static ReceivedSpan rootOfSecondTask(Spans spans) {
    return spans.named("invoke_agent").stream()
        .filter(
            root ->
                root.startNanos()
                    == spans.named("invoke_agent").stream()
                        .mapToLong(ReceivedSpan::startNanos)
                        .max()
                        .orElseThrow())
        .findFirst()
        .orElseThrow();
  }

  private static List<Exemplar> exemplarsOf(
      List<ExportMetricsServiceRequest> exports, String metric) {
    return exports.stream()
        .flatMap(export -> export.getResourceMetricsList().stream())
        .flatMap(resource -> resource.getScopeMetricsList().stream())
        .flatMap(scope -> scope.getMetricsList().stream())
        .filter(received -> received.getName().equals(metric))
        .flatMap(received -> received.getHistogram().getDataPointsList().stream())
        .flatMap(point -> point.getExemplarsList().stream())
        .toList();
  }

  private static List<String> logBodies(List<ExportLogsServiceRequest> exports) {
    return exports.stream()
        .flatMap(export -> export.getResourceLogsList().stream())
        .flatMap(resource -> resource.getScopeLogsList().stream())
        .flatMap(scope -> scope.getLogRecordsList().stream())
        .map(LogRecord::getBody)
        .map(body -> body.getStringValue())
        .toList();
  }

  private static List<String> keysOf(List<KeyValue> attributes) {
    return attributes.stream().map(KeyValue::getKey).toList();
  }

  private static String jsonEscaped(String text) {
    String quoted = Json.quote(text);
    return quoted.substring(1, quoted.length() - 1);
  }
}
