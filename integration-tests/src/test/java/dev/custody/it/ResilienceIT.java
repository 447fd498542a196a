package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.Spans;
import org.junit.jupiter.api.Test;

/** The host application always runs: with the collector down, and with broken Custody settings. */
class ResilienceIT {

  @Test
  void appWorksWhenTheCollectorIsDown() throws Exception {
    String deadEndpoint;
    try (OtlpReceiver closed = new OtlpReceiver()) {
      deadEndpoint = closed.endpoint();
    }
    try (OrderDesk desk = OrderDesk.open()) {
      long start = System.nanoTime();
      ForkedApp.Result result =
          desk.run(
              desk.app().property("otel.exporter.otlp.endpoint", deadEndpoint),
              LangChain4jCaseIT.REQUEST);
      assertThat(result.stdout()).contains("ANSWER: " + OrderDesk.ANSWER);
      assertThat(System.nanoTime() - start).as("no long stall at exit").isLessThan(60_000_000_000L);
    }
  }

  @Test
  void invalidSettingsAreReportedOnceAndDefaultsUsed() throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Result result =
          desk.run(
              desk.app()
                  .property("custody.capture.content", "verbose")
                  .property("custody.capture.max_length", "lots")
                  .property("custody.console", "maybe"),
              LangChain4jCaseIT.REQUEST);

      assertThat(
              result
                  .stderr()
                  .lines()
                  .filter(line -> line.contains("custody.capture.content='verbose'")))
          .singleElement()
          .asString()
          .contains("accepted values are off, hash, redacted, full", "using redacted");
      assertThat(
              result
                  .stderr()
                  .lines()
                  .filter(line -> line.contains("custody.capture.max_length='lots'")))
          .hasSize(1);
      assertThat(result.stderr().lines().filter(line -> line.contains("custody.console='maybe'")))
          .hasSize(1);

      Spans spans = desk.receiver.awaitSpans(received -> !received.named("invoke_agent").isEmpty());
      assertThat(spans.one("invoke_agent").attr("custody.intent.prompt"))
          .isEqualTo(LangChain4jCaseIT.REQUEST);
    }
  }
}
