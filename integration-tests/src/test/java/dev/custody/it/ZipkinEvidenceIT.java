package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.it.harness.CustodyVerify;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.ZipkinServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The demo's spans through the stock agent's Zipkin exporter into a real Zipkin server, read back
 * from Zipkin's API and verified as an auditor would; then a span forged into Zipkin is caught.
 */
class ZipkinEvidenceIT {

  private static final String SERVICE = "demo-agent-service";

  @Test
  void whatZipkinGivesBackVerifiesAndASpanForgedIntoItIsCaught() throws Exception {
    try (ZipkinServer zipkin = ZipkinServer.start();
        OtlpReceiver metricsAndLogs = new OtlpReceiver()) {
      ForkedApp.Result result =
          ForkedApp.withCustody(metricsAndLogs)
              .property("otel.traces.exporter", "zipkin")
              .property("otel.exporter.zipkin.endpoint", zipkin.spansEndpoint())
              .runJar(System.getProperty("custody.demo.jar"));
      assertThat(result.exitCode()).as(result.stderr()).isZero();

      CustodyVerify intact = awaitIntact(zipkin);
      assertThat(intact.report().get("spans_checked").asInt()).isGreaterThan(5);
      assertThat(intact.report().get("checkpoints_checked").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(intact.report().get("keys").get(0).get("self_signed").asBoolean()).isTrue();

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

      CustodyVerify caught = verify(zipkin);
      assertThat(caught.exit()).isOne();
      assertThat(caught.status()).isEqualTo("tampered");
      assertThat(caught.report().get("unexpected").toString()).contains("00000000000f0a6e");
    }
  }

  /** Zipkin stores what it is sent a moment after it answers the exporter. */
  private static CustodyVerify awaitIntact(ZipkinServer zipkin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    CustodyVerify report = verify(zipkin);
    while (report.exit() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      report = verify(zipkin);
    }
    assertThat(report.exit()).as(report.report().toString()).isZero();
    assertThat(report.status()).isEqualTo("intact");
    return report;
  }

  private static CustodyVerify verify(ZipkinServer zipkin) throws Exception {
    return CustodyVerify.run("--zipkin", zipkin.url().toString(), "--service", SERVICE);
  }
}
