package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.it.harness.CustodyTool;
import dev.custody.it.harness.DemoService;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.HeadlessChromium;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ZipkinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's spans through the stock agent's Zipkin exporter into a real Zipkin server, read back
 * from Zipkin's API as an auditor would: verified, listed as a case with its findings; then a span
 * forged into Zipkin is caught, by the verifier and among the case's findings.
 */
class ZipkinEvidenceIT {

  private static final String SERVICE = "demo-agent-service";

  @Test
  void whatZipkinGivesBackVerifiesAndASpanForgedIntoItIsCaught(@TempDir Path pod) throws Exception {
    try (ZipkinServer zipkin = ZipkinServer.start();
        OtlpReceiver metricsAndLogs = new OtlpReceiver()) {
      ForkedApp.Result result =
          DemoService.inPod(metricsAndLogs, pod)
              .property("otel.traces.exporter", "otlp,zipkin")
              .property("otel.exporter.zipkin.endpoint", zipkin.spansEndpoint())
              .runJar(DemoService.jar());
      assertThat(result.exitCode()).as(result.stderr()).isZero();

      CustodyTool intact = awaitIntact(zipkin);
      assertThat(intact.report().get("spans_checked").asInt()).isGreaterThan(5);
      assertThat(intact.report().get("checkpoints_checked").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(intact.report().get("keys").get(0).get("self_signed").asBoolean()).isTrue();

      CustodyTool cases = CustodyTool.run("cases", "--zipkin", zipkin.url().toString());
      JsonNode theCase = cases.report().get("cases").get(0);
      String caseId = theCase.get("case_id").asText();
      assertThat(cases.report().get("cases")).hasSize(1);
      assertThat(theCase.get("service").asText()).isEqualTo(SERVICE);
      assertThat(theCase.get("complete").asBoolean()).isTrue();
      assertThat(theCase.get("findings").findValuesAsText("rule"))
          .as("the password in the prompt, which reached the model scrubbed")
          .containsOnly("secret-exposed-to-model");
      seenInZipkinsUi(zipkin, caseId);
      assertThat(metricsAndLogs.spans())
          .as("the OTLP exporter beside Zipkin's got the case too")
          .anySatisfy(span -> assertThat(span.attr("custody.case.id")).isEqualTo(caseId));

      // Someone with write access to Zipkin adds a case root that never ran, numbered as the real
      // one.
      ObjectMapper json = new ObjectMapper();
      ObjectNode root =
          (ObjectNode)
              json.readTree(
                      zipkin.get(
                          "/api/v2/traces?serviceName="
                              + SERVICE
                              + "&spanName=invoke_agent%20travelassistant"))
                  .get(0)
                  .get(0);
      ObjectNode forged = root.deepCopy().put("id", "00000000000f0a6e");
      forged.put("name", "invoke_agent refundassistant");
      ArrayNode spans = json.createArrayNode().add(forged);
      zipkin.post(json.writeValueAsString(spans));

      CustodyTool caught = verify(zipkin);
      assertThat(caught.exit()).isOne();
      assertThat(caught.status()).isEqualTo("tampered");
      assertThat(caught.report().get("unexpected").toString()).contains("00000000000f0a6e");
      JsonNode forgedCase =
          CustodyTool.run("case", caseId, "--zipkin", zipkin.url().toString())
              .report()
              .get("cases")
              .get(0);
      assertThat(forgedCase.get("findings").findValuesAsText("rule")).contains("evidence-tampered");
      assertThat(forgedCase.get("findings").toString()).contains("00000000000f0a6e");
    }
  }

  /**
   * The case as an operator finds it in Zipkin: searched by its {@code custody.case.id} tag, then
   * its trace page rendered in a browser (a screenshot kept in {@code target/screenshots}).
   */
  private static void seenInZipkinsUi(ZipkinServer zipkin, String caseId) throws Exception {
    JsonNode found =
        new ObjectMapper()
            .readTree(zipkin.get("/api/v2/traces?annotationQuery=custody.case.id%3D" + caseId));
    assertThat(found).as("traces tagged with the case id").isNotEmpty();
    String traceId = found.get(0).get(0).get("traceId").asText();
    assertThat(found.get(0).findValuesAsText("name")).contains("invoke_agent travelassistant");

    String page =
        HeadlessChromium.render(
            zipkin.url().resolve("/zipkin/traces/" + traceId),
            Path.of("target", "screenshots", "zipkin-case.png"),
            10_000);
    assertThat(page).contains("invoke_agent travelassistant", caseId);
    assertThat(Files.size(Path.of("target", "screenshots", "zipkin-case.png")))
        .isGreaterThan(20_000);
  }

  /** Zipkin stores what it is sent a moment after it answers the exporter. */
  private static CustodyTool awaitIntact(ZipkinServer zipkin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    CustodyTool report = verify(zipkin);
    while (report.exit() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      report = verify(zipkin);
    }
    assertThat(report.exit()).as(report.report().toString()).isZero();
    assertThat(report.status()).isEqualTo("intact");
    return report;
  }

  private static CustodyTool verify(ZipkinServer zipkin) throws Exception {
    return CustodyTool.verify("--zipkin", zipkin.url().toString(), "--service", SERVICE);
  }
}
